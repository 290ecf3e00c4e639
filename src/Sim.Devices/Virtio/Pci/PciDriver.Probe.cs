namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Finding the structures (virtio 1.2, 4.1.5.1.1; Linux <c>vp_modern_probe</c> and <c>virtio_pci_find_capability</c>):
/// one walk of the capability list, each configuration read counted. The first capability of each virtio type with a
/// valid BAR is used (4.1.4.1: capabilities with a reserved cfg_type or bar are ignored); the common, notification, ISR
/// and device structures must all be there and large enough (the common structure at least <c>struct
/// virtio_pci_common_cfg</c>, 4-byte aligned, as Linux maps it).
/// </summary>
public sealed partial class PciDriver
{
    /// <summary>Linux's bound on capability list walks (<c>PCI_FIND_CAP_TTL</c>): a longer list is a loop.</summary>
    public const int CapabilityWalkLimit = 48;

    /// <summary>Walks the capability list; the structures, or why they cannot be used.</summary>
    private VirtioPciStructures? Probe(out string? problem)
    {
        problem = null;
        if ((ReadConfig16(PciConfigHeader.Status) & PciConfigHeader.StatusCapabilityList) == 0)
        {
            problem = "the function has no capability list (PCI Status bit 4 clear): not a virtio 1.x device";
            return null;
        }
        StructureLocation? common = null, notify = null, isr = null, device = null;
        uint multiplier = 0;
        MsixLocation? msix = null;
        int position = ReadConfig8(PciConfigHeader.CapabilityList) & ~3;
        int steps = 0;
        for (; position >= PciConfigHeader.StandardHeaderSize && steps < CapabilityWalkLimit; steps++)
        {
            ushort header = ReadConfig16(position);
            byte id = (byte)header;
            int next = (header >> 8) & ~3;
            if (id == 0xff) break;
            if (id == PciConfigHeader.CapabilityIdVendor)
            {
                var type = (VirtioPciCfgType)ReadConfig8(position + VirtioPciCap.CfgType);
                byte bar = ReadConfig8(position + VirtioPciCap.Bar);
                bool wanted = bar <= 5 && type switch
                {
                    VirtioPciCfgType.Common => common is null,
                    VirtioPciCfgType.Notify => notify is null,
                    VirtioPciCfgType.Isr => isr is null,
                    VirtioPciCfgType.Device => device is null,
                    _ => false,
                };
                if (wanted)
                {
                    var location = new StructureLocation(position, bar, ReadConfig32(position + VirtioPciCap.Offset), ReadConfig32(position + VirtioPciCap.Length));
                    switch (type)
                    {
                        case VirtioPciCfgType.Common: common = location; break;
                        case VirtioPciCfgType.Isr: isr = location; break;
                        case VirtioPciCfgType.Device: device = location; break;
                        default:
                            notify = location;
                            multiplier = ReadConfig32(position + VirtioPciCap.NotifyOffMultiplier);
                            break;
                    }
                }
            }
            else if (id == PciConfigHeader.CapabilityIdMsix && msix is null)
            {
                ushort control = ReadConfig16(position + MsixCapability.MessageControl);
                uint table = ReadConfig32(position + MsixCapability.Table), pba = ReadConfig32(position + MsixCapability.Pba);
                msix = new MsixLocation(position, MsixCapability.TableSizeOf(control), (int)(table & MsixCapability.BirMask), table & MsixCapability.OffsetMask,
                    (int)(pba & MsixCapability.BirMask), pba & MsixCapability.OffsetMask, (control & MsixCapability.Enable) != 0);
            }
            position = next;
        }
        if (steps == CapabilityWalkLimit && position >= PciConfigHeader.StandardHeaderSize)
            problem = $"the capability list did not end within {CapabilityWalkLimit} entries: it loops";
        else if (common is not { } c) problem = "no VIRTIO_PCI_CAP_COMMON_CFG capability: a legacy device, left alone";
        else if (c.Length < VirtioPciCommonCfg.StructSize || c.Offset % 4 != 0)
            problem = $"the common configuration ({c.Length} bytes at BAR {c.Bar} + 0x{c.Offset:x}) is shorter than {VirtioPciCommonCfg.StructSize} bytes or not 4-byte aligned";
        else if (notify is not { } n) problem = "no VIRTIO_PCI_CAP_NOTIFY_CFG capability";
        else if (n.Length < 2 || n.Offset % 2 != 0) problem = $"the notification structure ({n.Length} bytes at 0x{n.Offset:x}) is shorter than 2 bytes or not 2-byte aligned";
        else if (isr is not { } i) problem = "no VIRTIO_PCI_CAP_ISR_CFG capability";
        else if (i.Length < 1) problem = "the ISR structure is empty";
        else if (device is not { } d) problem = "no VIRTIO_PCI_CAP_DEVICE_CFG capability";
        else if (d.Offset % 4 != 0) problem = $"the device configuration at 0x{d.Offset:x} is not 4-byte aligned";
        else return new VirtioPciStructures(c, n, multiplier, i, d, msix);
        return null;
    }
}
