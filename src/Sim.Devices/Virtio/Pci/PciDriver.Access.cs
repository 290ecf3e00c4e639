using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The driver's counted accesses (configuration space and BAR) and the steps built from them: status, features, queue
/// addresses, MSI-X programming, notify addresses.
/// </summary>
public sealed partial class PciDriver
{
    internal uint ReadBar(int bar, ulong offset, int width)
    {
        Reads++;
        return _bus.Read(bar, offset, width);
    }

    private void WriteBar(int bar, ulong offset, int width, uint value)
    {
        Writes++;
        _bus.Write(bar, offset, width, value);
    }

    private byte ReadConfig8(int offset) => (byte)ReadConfigSpace(offset, 1);

    private ushort ReadConfig16(int offset) => (ushort)ReadConfigSpace(offset, 2);

    private uint ReadConfig32(int offset) => ReadConfigSpace(offset, 4);

    private uint ReadConfigSpace(int offset, int width)
    {
        Reads++;
        return _bus.ReadConfig(offset, width);
    }

    private void WriteConfig16(int offset, ushort value)
    {
        Writes++;
        _bus.WriteConfig(offset, 2, value);
    }

    /// <summary>Read-modify-write of the Command register (Linux <c>pci_enable_device</c>, <c>pci_set_master</c>).</summary>
    private void SetCommandBits(ushort bits)
    {
        ushort command = ReadConfig16(PciConfigHeader.Command);
        if ((command & bits) != bits) WriteConfig16(PciConfigHeader.Command, (ushort)(command | bits));
    }

    private uint ReadCommon(int field, int width) => ReadBar(_structures!.Common.Bar, _structures.Common.Offset + (ulong)field, width);

    private void WriteCommon(int field, int width, uint value) => WriteBar(_structures!.Common.Bar, _structures.Common.Offset + (ulong)field, width, value);

    private void WriteCommon8(int field, byte value) => WriteCommon(field, 1, value);

    /// <summary>After writing 0, read device_status until it reads 0 (4.1.4.3.2; Linux <c>vp_reset</c>), at most <see cref="ResetReadLimit"/> times.</summary>
    private bool AwaitReset(out byte last)
    {
        for (int read = 0; read < ResetReadLimit; read++)
        {
            last = (byte)ReadCommon(VirtioPciCommonCfg.DeviceStatus, 1);
            if (last == 0) return true;
        }
        last = (byte)ReadCommon(VirtioPciCommonCfg.DeviceStatus, 1);
        return last == 0;
    }

    void IDriverStatusRegisters.WriteStatus(DeviceStatus status) => WriteCommon8(VirtioPciCommonCfg.DeviceStatus, (byte)status);

    DeviceStatus IDriverStatusRegisters.ReadStatus() => (DeviceStatus)ReadCommon(VirtioPciCommonCfg.DeviceStatus, 1);

    /// <summary>Device features, window 0 then window 1 (Linux <c>vp_modern_get_features</c>).</summary>
    ulong IDriverStatusRegisters.ReadDeviceFeatures()
    {
        WriteCommon(VirtioPciCommonCfg.DeviceFeatureSelect, 4, 0);
        ulong low = ReadCommon(VirtioPciCommonCfg.DeviceFeature, 4);
        WriteCommon(VirtioPciCommonCfg.DeviceFeatureSelect, 4, 1);
        ulong high = ReadCommon(VirtioPciCommonCfg.DeviceFeature, 4);
        return (high << 32) | low;
    }

    /// <summary>Driver features, window 0 then window 1 (Linux <c>vp_modern_set_features</c>).</summary>
    void IDriverStatusRegisters.WriteDriverFeatures(ulong features)
    {
        WriteCommon(VirtioPciCommonCfg.DriverFeatureSelect, 4, 0);
        WriteCommon(VirtioPciCommonCfg.DriverFeature, 4, (uint)features);
        WriteCommon(VirtioPciCommonCfg.DriverFeatureSelect, 4, 1);
        WriteCommon(VirtioPciCommonCfg.DriverFeature, 4, (uint)(features >> 32));
    }

    /// <summary>A 64-bit queue address as its low half at <paramref name="low"/> and its high half at +4.</summary>
    private void WriteAddress(int low, ulong address)
    {
        WriteCommon(low, 4, (uint)address);
        WriteCommon(low + 4, 4, (uint)(address >> 32));
    }

    /// <summary>Sets FAILED on top of the status the driver knows (3.1.1: the device is unusable); returns what it wrote.</summary>
    private DeviceStatus GiveUp(DeviceStatus known)
    {
        var failed = known | DeviceStatus.Failed;
        WriteCommon8(VirtioPciCommonCfg.DeviceStatus, (byte)failed);
        return failed;
    }

    /// <summary>
    /// MSI-X on, as Linux's <c>pci_alloc_irq_vectors</c> and <c>request_irq</c> leave it: enable with the function
    /// masked, program <paramref name="vectors"/> table entries (address, data, vector control 0), unmask the function.
    /// </summary>
    private void EnableMsix(MsixLocation msix, int vectors)
    {
        int control = msix.Capability + MsixCapability.MessageControl;
        WriteConfig16(control, MsixCapability.Enable | MsixCapability.FunctionMask);
        for (int vector = 0; vector < vectors; vector++)
        {
            ulong entry = msix.TableOffset + (ulong)(vector * MsixCapability.EntrySize);
            WriteBar(msix.TableBar, entry + MsixCapability.EntryAddressLow, 4, (uint)MessageAddress);
            WriteBar(msix.TableBar, entry + MsixCapability.EntryAddressHigh, 4, (uint)(MessageAddress >> 32));
            WriteBar(msix.TableBar, entry + MsixCapability.EntryData, 4, FirstGuestVector + (uint)vector);
            WriteBar(msix.TableBar, entry + MsixCapability.EntryVectorControl, 4, 0);
        }
        WriteConfig16(control, MsixCapability.Enable);
        _msixEnabled = true;
    }

    /// <summary>
    /// Where notifications for <paramref name="queue"/> go (4.1.4.4): cap.offset + queue_notify_off × notify_off_multiplier,
    /// which must leave room for the write inside the notification structure; with VIRTIO_F_NOTIF_CONFIG_DATA the value
    /// is queue_notify_data. Selects the queue unless <paramref name="selected"/>, and reads those fields (counted).
    /// </summary>
    private bool LearnNotifyTarget(ushort queue, bool selected, out string? problem)
    {
        var notify = Probed().Notify;
        if (!selected) WriteCommon(VirtioPciCommonCfg.QueueSelect, 2, queue);
        ushort notifyOff = (ushort)ReadCommon(VirtioPciCommonCfg.QueueNotifyOff, 2);
        ushort value = _notifConfigData ? (ushort)ReadCommon(VirtioPciCommonCfg.QueueNotifyData, 2) : queue;
        ulong at = (ulong)notifyOff * Probed().NotifyOffMultiplier;
        ulong width = _notificationData ? 4u : 2u;
        if (at + width > notify.Length)
        {
            problem = $"queue {queue}'s notify address (queue_notify_off {notifyOff} × {Probed().NotifyOffMultiplier}) is past the {notify.Length}-byte notification structure";
            return false;
        }
        problem = null;
        _notifyTargets[queue] = (notify.Offset + at, value);
        return true;
    }
}
