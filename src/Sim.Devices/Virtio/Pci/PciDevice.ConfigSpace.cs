using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The function's configuration space: the type-0 header, the capability list, and the accesses to it (PCI Local Bus
/// 3.0, 6.1-6.2 and 6.8.2; virtio 1.2, 4.1.2 and 4.1.4). Read-only bits ignore writes as PCI requires; a write into a
/// virtio structure capability is also reported (4.1.4.1). Writable: Command (memory space, bus master, INTx
/// disable), BAR 4/5 (address bits, so firmware can size them), Interrupt Line, MSI-X Message Control (enable, function
/// mask), and cap.bar, cap.offset, cap.length and pci_cfg_data of the PCI configuration access capability.
/// </summary>
public sealed partial class PciDevice
{
    /// <summary>The PCI Command register.</summary>
    public ushort Command => _configImage.Get16(PciConfigHeader.Command);

    /// <summary>Whether the function decodes its memory BAR (Command, Memory Space Enable).</summary>
    public bool MemorySpaceEnabled => (Command & PciConfigHeader.CommandMemory) != 0;

    /// <summary>Whether the function has an MSI-X capability (a table of at least one vector).</summary>
    public bool HasMsix => _msixTable.Length > 0;

    /// <summary>Whether MSI-X is enabled: interrupts are messages on vectors, INTx# is not used.</summary>
    public bool MsixEnabled => HasMsix && (MsixMessageControl & MsixCapability.Enable) != 0;

    /// <summary>Whether MSI-X's Function Mask is set (every vector masked).</summary>
    public bool MsixFunctionMasked => HasMsix && (MsixMessageControl & MsixCapability.FunctionMask) != 0;

    private ushort MsixMessageControl => _configImage.Get16(PciCapabilityPlacement.Msix + MsixCapability.MessageControl);

    private bool IntxDisabled => (Command & PciConfigHeader.CommandIntxDisable) != 0;

    /// <summary>
    /// A driver read of configuration space: 1, 2 or 4 bytes, naturally aligned, inside the 256 bytes (else a violation,
    /// reading 0). A read covering pci_cfg_data first performs the BAR read the window describes (4.1.4.8.1).
    /// </summary>
    public uint ReadConfig(int offset, int width)
    {
        if (!CheckConfigAccess(offset, width, "read")) return 0;
        if (PciConfigImage.Overlaps(offset, width, PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData, 4)) WindowRead();
        return _configImage.Get(offset, width);
    }

    /// <summary>
    /// A driver write of configuration space. Read-only bits keep their value; a write reaching a read-only byte of a
    /// virtio capability is a violation. A write covering pci_cfg_data then performs the BAR write it describes.
    /// </summary>
    public void WriteConfig(int offset, int width, uint value)
    {
        if (!CheckConfigAccess(offset, width, "write")) return;
        ushort messageControlBefore = MsixMessageControl;
        bool intxDisabledBefore = IntxDisabled;
        if (_configImage.DriverWrite(offset, width, value))
            Report(TransportRule.CapabilityWritten, $"{width}-byte write of 0x{value:x} at config 0x{offset:x2}, inside a virtio capability; only cap.bar, cap.offset, cap.length and pci_cfg_data of VIRTIO_PCI_CAP_PCI_CFG are writable");
        if (PciConfigImage.Overlaps(offset, width, PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData, 4)) WindowWrite();
        if (MsixMessageControl != messageControlBefore)
        {
            UpdateInterruptLine();
            SendReleasedMessages();
        }
        if (IntxDisabled != intxDisabledBefore) UpdateInterruptLine();
    }

    private bool CheckConfigAccess(int offset, int width, string verb)
    {
        const string section = "virtio 1.2, 4.1.1 ([PCI] 6.1: 256-byte configuration space, aligned 1-, 2- and 4-byte accesses)";
        if (width is not (1 or 2 or 4) || offset % width != 0)
        {
            Report(TransportRule.RegisterAccessWidth, $"{width}-byte config {verb} at 0x{offset:x}: configuration accesses are 1, 2 or 4 bytes, naturally aligned", section);
            return false;
        }
        if (offset < 0 || offset > PciConfigHeader.Size - width)
        {
            Report(TransportRule.UndefinedRegister, $"{width}-byte config {verb} at 0x{offset:x}, past the 256-byte configuration space", section);
            return false;
        }
        return true;
    }

    /// <summary>pci_cfg_data read: the BAR read cap.bar/cap.offset/cap.length describe, stored in pci_cfg_data (4.1.4.8.1).</summary>
    private void WindowRead()
    {
        int data = PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData;
        if (!TryWindow("read", out ulong offset, out int length))
        {
            _configImage.Set32(data, 0);
            return;
        }
        _configImage.Set32(data, 0);
        _configImage.Set(data, length, BarRead(offset, length));
    }

    /// <summary>pci_cfg_data write: the BAR write of the first cap.length bytes of pci_cfg_data (4.1.4.8.1).</summary>
    private void WindowWrite()
    {
        if (!TryWindow("write", out ulong offset, out int length)) return;
        BarWrite(offset, length, _configImage.Get(PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData, length));
    }

    /// <summary>The window the PCI configuration access capability describes, if the driver may use it (4.1.4.8.2).</summary>
    private bool TryWindow(string verb, out ulong offset, out int length)
    {
        int cap = PciCapabilityPlacement.PciCfg;
        byte bar = _configImage.Get8(cap + VirtioPciCap.Bar);
        offset = _configImage.Get32(cap + VirtioPciCap.Offset);
        uint requested = _configImage.Get32(cap + VirtioPciCap.Length);
        length = requested is 1 or 2 or 4 ? (int)requested : 0;
        string window = $"pci_cfg_data {verb} with cap.bar {bar}, cap.offset 0x{offset:x}, cap.length {requested}";
        string? problem = length == 0 ? "cap.length must be 1, 2 or 4"
            : offset % (ulong)length != 0 ? "cap.offset is not a multiple of cap.length"
            : bar != Layout.Bar || !InsideVirtioStructure(offset, length) ? "the window is not inside the common, notification, ISR or device structure"
            : null;
        if (problem is null) return true;
        Report(TransportRule.PciCfgWindowInvalid, $"{window}: {problem}");
        return false;
    }

    private bool InsideVirtioStructure(ulong offset, int length) =>
        Layout.Common.Holds(offset, length) || Layout.Notify.Holds(offset, length) || Layout.Isr.Holds(offset, length) || Layout.Device.Holds(offset, length);

    /// <summary>The header and the capability list (4.1.2.1, 4.1.4; QEMU's placement, <see cref="PciCapabilityPlacement"/>).</summary>
    private void BuildConfigSpace(PciDeviceOptions options)
    {
        var image = _configImage;
        image.Set16(PciConfigHeader.VendorId, VirtioPciIdentity.VendorId);
        image.Set16(PciConfigHeader.DeviceId, PciDeviceId);
        image.AllowWrites(PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory | PciConfigHeader.CommandMaster | PciConfigHeader.CommandIntxDisable);
        image.Set16(PciConfigHeader.Status, PciConfigHeader.StatusCapabilityList);
        image.Set8(PciConfigHeader.RevisionId, VirtioPciIdentity.ModernRevisionId);
        uint classCode = options.ClassCode ?? VirtioPciIdentity.ClassCodeFor(_deviceType);
        image.Set8(PciConfigHeader.ClassProg, (byte)classCode);
        image.Set16(PciConfigHeader.ClassDevice, (ushort)(classCode >> 8));
        image.Set8(PciConfigHeader.HeaderType, PciConfigHeader.HeaderTypeNormal);

        // BAR 4 and 5: one 64-bit memory BAR; the address bits below its size read 0, so writing all ones sizes it.
        int bar = PciConfigHeader.Bar(Layout.Bar);
        image.Set32(bar, PciConfigHeader.BarSpaceMemory | PciConfigHeader.BarMemoryType64);
        image.AllowWrites(bar, 4, (uint)~(Layout.Size - 1) & 0xffff_fff0);
        image.AllowWrites(bar + 4, 4, uint.MaxValue);

        image.Set16(PciConfigHeader.SubsystemVendorId, _subsystemVendorId);
        image.Set16(PciConfigHeader.SubsystemId, options.SubsystemId);
        image.AllowWrites(PciConfigHeader.InterruptLine, 1, 0xff);
        image.Set8(PciConfigHeader.InterruptPin, PciConfigHeader.InterruptPinIntA);

        VirtioCapability(PciCapabilityPlacement.Common, 0, VirtioPciCap.Size, VirtioPciCfgType.Common, Layout.Common);
        VirtioCapability(PciCapabilityPlacement.Isr, PciCapabilityPlacement.Common, VirtioPciCap.Size, VirtioPciCfgType.Isr, Layout.Isr);
        VirtioCapability(PciCapabilityPlacement.Device, PciCapabilityPlacement.Isr, VirtioPciCap.Size, VirtioPciCfgType.Device, Layout.Device);
        VirtioCapability(PciCapabilityPlacement.Notify, PciCapabilityPlacement.Device, VirtioPciCap.NotifyCapSize, VirtioPciCfgType.Notify, Layout.Notify);
        image.Set32(PciCapabilityPlacement.Notify + VirtioPciCap.NotifyOffMultiplier, Layout.NotifyOffMultiplier);
        VirtioCapability(PciCapabilityPlacement.PciCfg, PciCapabilityPlacement.Notify, VirtioPciCap.CfgCapSize, VirtioPciCfgType.PciCfg, new BarRegion(0, 0));
        image.Set8(PciCapabilityPlacement.PciCfg + VirtioPciCap.Bar, 0);
        image.AllowWrites(PciCapabilityPlacement.PciCfg + VirtioPciCap.Bar, 1, 0xff);
        image.AllowWrites(PciCapabilityPlacement.PciCfg + VirtioPciCap.Offset, 4, uint.MaxValue);
        image.AllowWrites(PciCapabilityPlacement.PciCfg + VirtioPciCap.Length, 4, uint.MaxValue);
        image.AllowWrites(PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData, 4, uint.MaxValue);

        int head = PciCapabilityPlacement.PciCfg;
        if (HasMsix)
        {
            int msix = PciCapabilityPlacement.Msix;
            image.Set8(msix + PciConfigHeader.CapabilityId, PciConfigHeader.CapabilityIdMsix);
            image.Set8(msix + PciConfigHeader.CapabilityNext, PciCapabilityPlacement.PciCfg);
            image.Set16(msix + MsixCapability.MessageControl, MsixCapability.MessageControlFor(_msixTable.Length, enable: false, functionMask: false));
            image.AllowWrites(msix + MsixCapability.MessageControl, 2, MsixCapability.Enable | MsixCapability.FunctionMask);
            image.Set32(msix + MsixCapability.Table, (uint)Layout.MsixTable.Offset | (uint)Layout.Bar);
            image.Set32(msix + MsixCapability.Pba, (uint)Layout.MsixPba.Offset | (uint)Layout.Bar);
            head = msix;
        }
        image.Set8(PciConfigHeader.CapabilityList, (byte)head);
    }

    private void VirtioCapability(int at, int next, int length, VirtioPciCfgType type, BarRegion region)
    {
        _configImage.Set8(at + VirtioPciCap.Vndr, PciConfigHeader.CapabilityIdVendor);
        _configImage.Set8(at + VirtioPciCap.Next, (byte)next);
        _configImage.Set8(at + VirtioPciCap.Len, (byte)length);
        _configImage.Set8(at + VirtioPciCap.CfgType, (byte)type);
        _configImage.Set8(at + VirtioPciCap.Bar, (byte)Layout.Bar);
        _configImage.Set32(at + VirtioPciCap.Offset, (uint)region.Offset);
        _configImage.Set32(at + VirtioPciCap.Length, (uint)region.Length);
        _configImage.MarkVirtioCapability(at, length);
    }
}
