using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Split;

namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The sizes and alignments of a virtqueue's three areas, the one place that says them. Split (virtio 1.2, 2.7):
/// descriptor table 16·N aligned to 16, available ring 6 + 2·N (flags, idx, ring[N], used_event) aligned to 2, used
/// ring 6 + 8·N (flags, idx, ring[N] of {id, len}, avail_event) aligned to 4. Packed (2.8): descriptor ring 16·N
/// aligned to 16, driver and device event suppression structures 4 bytes each, aligned to 4. The numbers come from
/// <see cref="SplitLayout"/> and <see cref="PackedLayout"/>; what a guest driver reserves is
/// <see cref="GuestQueueReservation"/>.
/// </summary>
/// <param name="Descriptors">Split descriptor table or packed descriptor ring.</param>
/// <param name="Driver">Split available ring or packed driver event suppression area (the driver area).</param>
/// <param name="Device">Split used ring or packed device event suppression area (the device area).</param>
public sealed record QueueAreas(RingArea Descriptors, RingArea Driver, RingArea Device)
{
    /// <summary>The areas of a split virtqueue of <paramref name="size"/> entries (2.7).</summary>
    public static QueueAreas Split(int size) => new(
        new(SplitLayout.DescriptorTableBytes(size), SplitLayout.DescriptorTableAlignment),
        new(SplitLayout.AvailRingBytes(size), SplitLayout.AvailRingAlignment),
        new(SplitLayout.UsedRingBytes(size), SplitLayout.UsedRingAlignment));

    /// <summary>The areas of a packed virtqueue of <paramref name="size"/> entries (2.8).</summary>
    public static QueueAreas Packed(int size) => new(
        new(PackedLayout.RingBytes(size), PackedLayout.RingAlignment),
        new(PackedLayout.EventAreaSize, PackedLayout.EventAreaAlignment),
        new(PackedLayout.EventAreaSize, PackedLayout.EventAreaAlignment));

    /// <summary>The areas of a queue of <paramref name="size"/> entries in the packed format or else the split one.</summary>
    public static QueueAreas For(bool packed, int size) => packed ? Packed(size) : Split(size);

    /// <summary>
    /// Places the three areas in order, descriptors, driver area, device area, through <paramref name="take"/>
    /// (bytes, alignment → address: an allocator that hands out the next aligned address), and returns where they went.
    /// </summary>
    public (ulong Descriptors, ulong Driver, ulong Device) Place(Func<ulong, ulong, ulong> take)
    {
        ArgumentNullException.ThrowIfNull(take);
        ulong descriptors = take(Descriptors.Bytes, Descriptors.Alignment);
        ulong driver = take(Driver.Bytes, Driver.Alignment);
        ulong device = take(Device.Bytes, Device.Alignment);
        return (descriptors, driver, device);
    }
}
