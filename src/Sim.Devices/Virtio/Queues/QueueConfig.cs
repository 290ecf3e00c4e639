namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// Where a virtqueue lives and what was negotiated, as the driver configured it through the transport
/// (virtio-mmio QueueNum, QueueDesc, QueueDriver, QueueDevice; virtio 1.2, 4.2.3.2). Plain data.
/// </summary>
/// <param name="Size">Queue size N (split: a power of two ≤ 32768; packed: ≤ 32768).</param>
/// <param name="DescriptorTable">Guest address of the descriptor table (split) or descriptor ring (packed).</param>
/// <param name="DriverArea">Split: available ring. Packed: driver event suppression area.</param>
/// <param name="DeviceArea">Split: used ring. Packed: device event suppression area.</param>
/// <param name="Features">The negotiated feature bits (see <see cref="VirtioFeatures"/>).</param>
public sealed record QueueConfig(ushort Size, ulong DescriptorTable, ulong DriverArea, ulong DeviceArea, ulong Features)
{
    /// <summary>Whether VIRTIO_F_RING_PACKED was negotiated.</summary>
    public bool IsPacked => VirtioFeatures.Has(Features, VirtioFeatures.RingPacked);

    /// <summary>Whether VIRTIO_RING_F_EVENT_IDX was negotiated.</summary>
    public bool EventIdx => VirtioFeatures.Has(Features, VirtioFeatures.EventIdx);

    /// <summary>Whether VIRTIO_RING_F_INDIRECT_DESC was negotiated.</summary>
    public bool IndirectDescriptors => VirtioFeatures.Has(Features, VirtioFeatures.IndirectDesc);
}
