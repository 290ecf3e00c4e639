using Sim.Layouts;

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

    /// <summary>
    /// The areas this queue occupies in guest memory, each with the kind of its layout: split (virtio 1.2, 2.7):
    /// descriptor table 16·N bytes, available ring 6 + 2·N (flags, idx, ring[N], used_event), used ring 6 + 8·N
    /// (flags, idx, ring[N] of {id, len}, avail_event); packed (2.8): descriptor ring 16·N, driver and device event
    /// suppression structures 4 bytes each.
    /// </summary>
    public IReadOnlyList<(string Part, RegionKind Kind, ulong Start, ulong Length)> Areas()
    {
        var sizes = QueueAreas.For(IsPacked, Size);
        return IsPacked
            ?
            [
                ("desc", RegionKind.PackedDesc, DescriptorTable, sizes.Descriptors.Bytes),
                ("driver-event", RegionKind.PackedDriverEvent, DriverArea, sizes.Driver.Bytes),
                ("device-event", RegionKind.PackedDeviceEvent, DeviceArea, sizes.Device.Bytes),
            ]
            :
            [
                ("desc", RegionKind.SplitDesc, DescriptorTable, sizes.Descriptors.Bytes),
                ("avail", RegionKind.SplitAvail, DriverArea, sizes.Driver.Bytes),
                ("used", RegionKind.SplitUsed, DeviceArea, sizes.Device.Bytes),
            ];
    }
}
