namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// Byte layout of a packed virtqueue (virtio 1.2, 2.8; Linux <c>include/uapi/linux/virtio_ring.h</c>,
/// <c>struct vring_packed_desc</c>, <c>struct vring_packed_desc_event</c>). Little-endian.
/// Descriptor: addr u64 @0, len u32 @8, id u16 @12, flags u16 @14 (16 bytes, ring 16-aligned).
/// Event suppression area: off_wrap u16 @0 (offset bits 0-14, wrap counter bit 15), flags u16 @2 (4 bytes, 4-aligned).
/// The constants are generated from src/Sim.Layouts/Wire/packed-ring.layout.json.
/// </summary>
public static partial class PackedLayout
{
    /// <summary>Bytes of the descriptor ring: 16·N.</summary>
    public static ulong RingBytes(int size) => (ulong)DescriptorSize * (ulong)size;

    /// <summary>Whether <paramref name="size"/> is a valid packed queue size: [1, 32768], not necessarily a power of two.</summary>
    public static bool IsValidSize(int size) => size is > 0 and <= MaxQueueSize;
}
