using Sim.Hypervisors.Memory;
namespace Sim.Devices.Virtio.Split;

/// <summary>
/// Byte layout of a split virtqueue (virtio 1.2, 2.7; Linux <c>include/uapi/linux/virtio_ring.h</c>). Little-endian.
/// Descriptor: addr u64 @0, len u32 @8, flags u16 @12, next u16 @14 (16 bytes, table 16-aligned).
/// Available ring: flags u16 @0, idx u16 @2, ring[N] u16 @4, used_event u16 @4+2N (2-aligned).
/// Used ring: flags u16 @0, idx u16 @2, ring[N] of {id u32, len u32} @4, avail_event u16 @4+8N (4-aligned).
/// The constants (sizes, offsets, flags, alignments) are generated from src/Sim.Layouts/Wire/split-ring.layout.json.
/// </summary>
public static partial class SplitLayout
{
    /// <summary>Bytes of the descriptor table for <paramref name="size"/> entries: 16·N.</summary>
    public static ulong DescriptorTableBytes(int size) => (ulong)DescriptorSize * (ulong)size;

    /// <summary>Bytes of the available ring including used_event: 6 + 2·N.</summary>
    public static ulong AvailRingBytes(int size) => 6 + 2 * (ulong)size;

    /// <summary>Bytes of the used ring including avail_event: 6 + 8·N.</summary>
    public static ulong UsedRingBytes(int size) => 6 + (ulong)UsedElementSize * (ulong)size;

    /// <summary>Offset of avail ring entry <paramref name="slot"/>.</summary>
    public static ulong AvailEntryOffset(int slot) => RingEntries + 2 * (ulong)slot;

    /// <summary>Offset of <c>used_event</c> in the available ring: 4 + 2N.</summary>
    public static ulong UsedEventOffset(int size) => RingEntries + 2 * (ulong)size;

    /// <summary>Offset of used element <paramref name="slot"/>.</summary>
    public static ulong UsedEntryOffset(int slot) => RingEntries + (ulong)UsedElementSize * (ulong)slot;

    /// <summary>Offset of <c>avail_event</c> in the used ring: 4 + 8N.</summary>
    public static ulong AvailEventOffset(int size) => RingEntries + (ulong)UsedElementSize * (ulong)size;

    /// <summary>
    /// Legacy contiguous size (Linux <c>vring_size</c>): descriptor table and available ring (with used_event), padded
    /// to <paramref name="align"/>, then the used ring (with avail_event). vring_size(256, 4096) = 10246.
    /// </summary>
    public static ulong LegacyVringSize(int size, ulong align)
    {
        ulong first = DescriptorTableBytes(size) + AvailRingBytes(size);
        ulong padded = Alignment.AlignUp(first, align);
        return padded + UsedRingBytes(size);
    }

    /// <summary>Whether <paramref name="size"/> is a valid split queue size: a power of two in [1, 32768].</summary>
    public static bool IsValidSize(int size) => size is > 0 and <= MaxQueueSize && (size & (size - 1)) == 0;
}
