namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// The packed event suppression structure, <c>struct pvirtq_event_suppress</c> (virtio 1.2, 2.8.10; 2.8.4 for its use):
/// <c>off_wrap</c> u16 @0 (descriptor offset bits 0-14, wrap counter bit 15) and <c>flags</c> u16 @2 (ENABLE 0,
/// DISABLE 1, DESC 2; DESC only with VIRTIO_F_EVENT_IDX). The driver's structure (QueueDriver) tells the device when to
/// interrupt; the device's structure (QueueDevice) tells the driver when to kick. Both sides read the 4 bytes as one
/// u32 so that off_wrap and flags form one snapshot (Linux <c>virtqueue_kick_prepare_packed</c>).
/// </summary>
public static class PackedEventSuppression
{
    /// <summary>The structure as one little-endian u32: off_wrap in the low half, flags in the high half.</summary>
    public static uint Encode(ushort offWrap, ushort flags) => offWrap | (uint)flags << 16;

    /// <summary>The off_wrap half of a u32 snapshot.</summary>
    public static ushort OffWrapOf(uint snapshot) => (ushort)snapshot;

    /// <summary>The flags half of a u32 snapshot.</summary>
    public static ushort FlagsOf(uint snapshot) => (ushort)(snapshot >> 16);

    /// <summary>The descriptor offset (bits 0-14) of an off_wrap value.</summary>
    public static int OffsetOf(ushort offWrap) => offWrap & ((1 << PackedLayout.EventWrapCounterBit) - 1);

    /// <summary>The wrap counter (bit 15) of an off_wrap value.</summary>
    public static bool WrapOf(ushort offWrap) => (offWrap >> PackedLayout.EventWrapCounterBit) != 0;

    /// <summary>
    /// The EVENT_IDX test of a packed ring: a side moved its position by <paramref name="advanced"/> slots, ending at
    /// <paramref name="next"/>; does the slot named by <paramref name="offWrap"/> lie among those it moved over,
    /// [next - advanced, next)? An event whose wrap counter differs from <paramref name="next"/>'s lies in the previous
    /// lap, so its offset is taken minus N first. This is Linux <c>virtqueue_kick_prepare_packed</c> and QEMU
    /// <c>vring_packed_need_event</c> (both <c>vring_need_event(event, new, old)</c> after that normalisation), with the
    /// moved distance kept as a count, so a move across the end of the ring is not over-reported as QEMU's
    /// <c>signalled_used</c> positions are.
    /// </summary>
    public static bool NeedEvent(ushort offWrap, PackedRingPosition next, int advanced, int size)
    {
        int eventOffset = OffsetOf(offWrap);
        if (WrapOf(offWrap) != next.WrapCounter) eventOffset -= size;
        int behind = next.Index - eventOffset;
        return behind >= 1 && behind <= advanced;
    }
}
