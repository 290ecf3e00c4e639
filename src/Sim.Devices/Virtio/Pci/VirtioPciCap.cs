namespace Sim.Devices.Virtio.Pci;

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
