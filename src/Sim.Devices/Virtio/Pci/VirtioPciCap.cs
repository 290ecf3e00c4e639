namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Byte offsets of the virtio structure capabilities in PCI configuration space (virtio 1.2, 4.1.4; Linux
/// <c>include/uapi/linux/virtio_pci.h</c>). <c>struct virtio_pci_cap</c> (16 bytes): cap_vndr u8 (<c>PCI_CAP_ID_VNDR</c>),
/// cap_next u8, cap_len u8, cfg_type u8 (<see cref="VirtioPciCfgType"/>), bar u8, id u8, padding[2], offset le32,
/// length le32. <c>struct virtio_pci_cap64</c> appends offset_hi and length_hi; <c>struct virtio_pci_notify_cap</c>
/// (20 bytes) appends notify_off_multiplier le32 (4.1.4.4); <c>struct virtio_pci_cfg_cap</c> (20 bytes) appends
/// pci_cfg_data[4] (4.1.4.8). Offsets are from the capability's start.
/// </summary>
public static class VirtioPciCap
{
    /// <summary>cap_vndr, <c>VIRTIO_PCI_CAP_VNDR</c>.</summary>
    public const int Vndr = 0;
    /// <summary>cap_next, <c>VIRTIO_PCI_CAP_NEXT</c>.</summary>
    public const int Next = 1;
    /// <summary>cap_len, <c>VIRTIO_PCI_CAP_LEN</c>: the capability's length including extra data.</summary>
    public const int Len = 2;
    /// <summary>cfg_type, <c>VIRTIO_PCI_CAP_CFG_TYPE</c>.</summary>
    public const int CfgType = 3;
    /// <summary>bar, <c>VIRTIO_PCI_CAP_BAR</c>: 0 to 5; other values are reserved and make drivers ignore the capability.</summary>
    public const int Bar = 4;
    /// <summary>id: tells apart several capabilities of one type.</summary>
    public const int Id = 5;
    /// <summary>padding[2].</summary>
    public const int Padding = 6;
    /// <summary>offset, <c>VIRTIO_PCI_CAP_OFFSET</c>: where the structure starts in the BAR.</summary>
    public const int Offset = 8;
    /// <summary>length, <c>VIRTIO_PCI_CAP_LENGTH</c>: the structure's length in bytes.</summary>
    public const int Length = 12;
    /// <summary>sizeof(struct virtio_pci_cap).</summary>
    public const int Size = 16;

    /// <summary>virtio_pci_cap64.offset_hi: bits 32-63 of the offset.</summary>
    public const int OffsetHi = 16;
    /// <summary>virtio_pci_cap64.length_hi: bits 32-63 of the length.</summary>
    public const int LengthHi = 20;
    /// <summary>sizeof(struct virtio_pci_cap64).</summary>
    public const int Cap64Size = 24;

    /// <summary>virtio_pci_notify_cap.notify_off_multiplier, <c>VIRTIO_PCI_NOTIFY_CAP_MULT</c>.</summary>
    public const int NotifyOffMultiplier = 16;
    /// <summary>sizeof(struct virtio_pci_notify_cap).</summary>
    public const int NotifyCapSize = 20;

    /// <summary>virtio_pci_cfg_cap.pci_cfg_data: the 4-byte window into a BAR (4.1.4.8).</summary>
    public const int PciCfgData = 16;
    /// <summary>sizeof(struct virtio_pci_cfg_cap).</summary>
    public const int CfgCapSize = 20;
}

/// <summary>The cfg_type of a virtio structure capability (virtio 1.2, 4.1.4; Linux <c>VIRTIO_PCI_CAP_*_CFG</c>).</summary>
public enum VirtioPciCfgType : byte
{
    /// <summary><c>VIRTIO_PCI_CAP_COMMON_CFG</c>: the common configuration structure (4.1.4.3).</summary>
    Common = 1,
    /// <summary><c>VIRTIO_PCI_CAP_NOTIFY_CFG</c>: the notification structure (4.1.4.4).</summary>
    Notify = 2,
    /// <summary><c>VIRTIO_PCI_CAP_ISR_CFG</c>: the ISR status byte (4.1.4.5).</summary>
    Isr = 3,
    /// <summary><c>VIRTIO_PCI_CAP_DEVICE_CFG</c>: the device-specific configuration (4.1.4.6).</summary>
    Device = 4,
    /// <summary><c>VIRTIO_PCI_CAP_PCI_CFG</c>: the configuration-space window onto the BARs (4.1.4.8).</summary>
    PciCfg = 5,
    /// <summary><c>VIRTIO_PCI_CAP_SHARED_MEMORY_CFG</c>: a shared memory region (4.1.4.7); this model presents none.</summary>
    SharedMemory = 8,
    /// <summary><c>VIRTIO_PCI_CAP_VENDOR_CFG</c>: vendor data (virtio 1.3); this model presents none.</summary>
    Vendor = 9,
}
