namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The choices a <see cref="PciDevice"/> leaves to the device model beyond the virtio device itself. Plain data,
/// checked by the <see cref="PciDevice"/> constructor.
/// </summary>
public sealed record PciDeviceOptions
{
    /// <summary>The default options: one MSI-X vector per queue plus one for configuration changes, QEMU's identity.</summary>
    public static readonly PciDeviceOptions Default = new();

    /// <summary>
    /// MSI-X table size (virtio 1.2, 4.1.5.1.2.1: at most 0x800); null for one vector per queue plus one (QEMU's
    /// virtio-blk default); 0 for a function without an MSI-X capability (INTx# only).
    /// </summary>
    public int? MsixVectors { get; init; }

    /// <summary>
    /// How many distinct vectors the device can have mapped at once (an interrupt route per vector, e.g. KVM irqfds);
    /// a mapping beyond it fails and the field reads VIRTIO_MSI_NO_VECTOR, as 4.1.5.1.2 allows. Null: every table entry.
    /// </summary>
    public int? VectorResources { get; init; }

    /// <summary>The PCI subsystem device ID (4.1.2.1: 0x40 or higher for a non-transitional device).</summary>
    public ushort SubsystemId { get; init; } = VirtioPciIdentity.QemuSubsystemId;

    /// <summary>The 24-bit class code; null for <see cref="VirtioPciIdentity.ClassCodeFor"/> of the device type.</summary>
    public uint? ClassCode { get; init; }
}
