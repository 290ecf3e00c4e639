using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// What the model's guest drivers reserve in guest memory for a virtqueue (virtio 1.2, 2.7 split / 2.8 packed; the
/// guest layouts of blk, net, echo and scmi). The choice: reserve the split sizes whichever the format, so a device's
/// guest-physical addresses do not depend on its ring format: traces and explain pages compare formats at the same
/// addresses. A packed queue therefore has 6 + 2·N and 6 + 8·N bytes for event suppression areas that use 4 of them.
/// Alignment is stricter than either format needs: the descriptors start on a page, the driver and device areas on a
/// 64-byte (cache-line) boundary, which covers the spec's 16, 2 and 4 (split) and 16, 4 and 4 (packed).
/// </summary>
public static class GuestQueueReservation
{
    /// <summary>Alignment the guest layouts give the descriptor table or ring, and the indirect tables: a page.</summary>
    public const ulong DescriptorAlignment = GuestMemory.PageSize;

    /// <summary>Alignment the guest layouts give the driver and device areas: a cache line.</summary>
    public const ulong RingAlignment = 64;

    /// <summary>
    /// Bytes of one descriptor, in a ring or an indirect table: 16 in both formats (struct vring_desc, 2.7.5;
    /// struct vring_packed_desc, 2.8; <see cref="Packed.PackedLayout.DescriptorSize"/> is the same 16).
    /// </summary>
    public const int DescriptorSize = SplitLayout.DescriptorSize;

    /// <summary>The three areas reserved for a queue of <paramref name="size"/> entries, in either format.</summary>
    public static QueueAreas Rings(int size)
    {
        var split = QueueAreas.Split(size);
        return new QueueAreas(
            split.Descriptors with { Alignment = DescriptorAlignment },
            split.Driver with { Alignment = RingAlignment },
            split.Device with { Alignment = RingAlignment });
    }

    /// <summary>
    /// Bytes of the indirect tables for a queue of <paramref name="size"/> entries: one table per descriptor, each of
    /// <paramref name="entriesPerChain"/> descriptors (VIRTIO_F_INDIRECT_DESC, 2.7.5.3 / 2.8.7).
    /// </summary>
    public static ulong IndirectTableBytes(int size, int entriesPerChain) =>
        (ulong)DescriptorSize * (ulong)size * (ulong)entriesPerChain;
}
