namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The bits of the ISR status byte (virtio 1.2, 4.1.4.5; Linux <c>VIRTIO_PCI_ISR_CONFIG</c>). Reading the byte returns
/// and clears it and de-asserts INTx#; while MSI-X is disabled, the PCI Status register's interrupt bit is the OR of
/// these bits (4.1.4.5.1).
/// </summary>
[Flags]
public enum PciIsrStatus : byte
{
    /// <summary>Nothing pending.</summary>
    None = 0,
    /// <summary>Bit 0, queue interrupt: a used-buffer notification (set only while MSI-X is disabled).</summary>
    Queue = 1,
    /// <summary>Bit 1, <c>VIRTIO_PCI_ISR_CONFIG</c>: a device configuration change notification.</summary>
    Config = 2,
}
