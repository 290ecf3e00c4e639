namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// A place in a packed ring as one side sees it: the slot index in [0, N) and that side's one-bit wrap counter, which
/// starts at 1 and flips each time the index wraps past the end of the ring (virtio 1.2, 2.8.1). Both the driver's
/// (next available, next used) and the device's (next to pop, next to mark used) positions are of this kind.
/// </summary>
/// <param name="Index">Slot index, in [0, N).</param>
/// <param name="WrapCounter">The wrap counter for this lap of the ring.</param>
public readonly record struct PackedRingPosition(ushort Index, bool WrapCounter)
{
    /// <summary>Where both sides start: slot 0, wrap counter 1.</summary>
    public static PackedRingPosition Start => new(0, true);

    /// <summary>The position <paramref name="count"/> slots further in a ring of <paramref name="size"/> slots, flipping the wrap counter past the end.</summary>
    public PackedRingPosition Advance(int count, int size)
    {
        int index = Index + count;
        bool wrap = WrapCounter;
        while (index >= size)
        {
            index -= size;
            wrap = !wrap;
        }
        return new PackedRingPosition((ushort)index, wrap);
    }

    /// <summary>
    /// The position as an event suppression <c>off_wrap</c> value: offset in bits 0-14, wrap counter in bit 15
    /// (virtio 1.2, 2.8.10).
    /// </summary>
    public ushort OffWrap => (ushort)(Index | (WrapCounter ? 1 << PackedLayout.EventWrapCounterBit : 0));

    /// <inheritdoc />
    public override string ToString() => $"{Index}/wrap {(WrapCounter ? 1 : 0)}";
}
