namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Where a <see cref="PciDevice"/> puts its capabilities in configuration space: at the offsets QEMU gives a modern
/// virtio-pci function, linked in QEMU's order (each new capability goes to the head of the list). The list starts at
/// <see cref="Msix"/> (or <see cref="PciCfg"/> without MSI-X) and runs MSI-X → PCI cfg → notify → device → ISR → common.
/// </summary>
public static class PciCapabilityPlacement
{
    /// <summary>VIRTIO_PCI_CAP_COMMON_CFG (16 bytes); the end of the list.</summary>
    public const int Common = 0x40;
    /// <summary>VIRTIO_PCI_CAP_ISR_CFG (16 bytes).</summary>
    public const int Isr = 0x50;
    /// <summary>VIRTIO_PCI_CAP_DEVICE_CFG (16 bytes).</summary>
    public const int Device = 0x60;
    /// <summary>VIRTIO_PCI_CAP_NOTIFY_CFG (20 bytes, <c>struct virtio_pci_notify_cap</c>).</summary>
    public const int Notify = 0x70;
    /// <summary>VIRTIO_PCI_CAP_PCI_CFG (20 bytes, <c>struct virtio_pci_cfg_cap</c>).</summary>
    public const int PciCfg = 0x84;
    /// <summary>The MSI-X capability (12 bytes); the head of the list.</summary>
    public const int Msix = 0x98;
}
