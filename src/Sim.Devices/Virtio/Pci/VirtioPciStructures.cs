namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// What a driver learnt from a function's capability list (virtio 1.2, 4.1.4 and 4.1.5.1.1): where the first
/// capability of each virtio structure type points, and the MSI-X capability if there is one. Plain data.
/// </summary>
/// <param name="Common">The common configuration structure (VIRTIO_PCI_CAP_COMMON_CFG).</param>
/// <param name="Notify">The notification structure (VIRTIO_PCI_CAP_NOTIFY_CFG).</param>
/// <param name="NotifyOffMultiplier">notify_off_multiplier of the notification capability.</param>
/// <param name="Isr">The ISR status (VIRTIO_PCI_CAP_ISR_CFG).</param>
/// <param name="Device">The device-specific configuration (VIRTIO_PCI_CAP_DEVICE_CFG).</param>
/// <param name="Msix">The MSI-X capability, or null.</param>
public sealed record VirtioPciStructures(StructureLocation Common, StructureLocation Notify, uint NotifyOffMultiplier,
    StructureLocation Isr, StructureLocation Device, MsixLocation? Msix);

/// <summary>A structure a virtio capability points at: cap.bar, cap.offset and cap.length, and where the capability is. Plain data.</summary>
/// <param name="Capability">The capability's offset in configuration space.</param>
/// <param name="Bar">cap.bar.</param>
/// <param name="Offset">cap.offset in that BAR.</param>
/// <param name="Length">cap.length.</param>
public readonly record struct StructureLocation(int Capability, int Bar, uint Offset, uint Length);

/// <summary>The MSI-X capability as a driver reads it (PCI Local Bus 3.0, 6.8.2). Plain data.</summary>
/// <param name="Capability">The capability's offset in configuration space.</param>
/// <param name="TableSize">Vectors in the table (Message Control's table size + 1).</param>
/// <param name="TableBar">Table BIR.</param>
/// <param name="TableOffset">Table offset in that BAR.</param>
/// <param name="PbaBar">PBA BIR.</param>
/// <param name="PbaOffset">PBA offset in that BAR.</param>
/// <param name="Enabled">Whether MSI-X Enable was already set.</param>
public readonly record struct MsixLocation(int Capability, int TableSize, int TableBar, uint TableOffset, int PbaBar, uint PbaOffset, bool Enabled);
