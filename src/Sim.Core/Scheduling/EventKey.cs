using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>
/// The complete ordering key of one queued event (time, sender key, sender sequence; see <see cref="EventOrder"/>) with
/// the slab slot of its payload and its timer flag: 32 plain bytes, two to a cache line. Holding the whole key inline
/// means the queue sorts, splits and compares events without ever touching the payload, and moving a key copies no
/// object references (so no GC write barriers).
/// </summary>
internal struct EventKey : IComparable<EventKey>
{
    /// <summary>Delivery time in picoseconds.</summary>
    public long Time;
    /// <summary>The sender's <see cref="Actors.ActorId.OrderKey"/>.</summary>
    public ulong SenderKey;
    /// <summary>The sender's own send counter for this event.</summary>
    public long Sequence;
    /// <summary>Where the event's payload lives in the queue's slab.</summary>
    public int Slot;
    /// <summary>1 when the event is a timer (its owner may have cancelled it since), else 0.</summary>
    public int TimerFlag;

    /// <summary>Whether <paramref name="a"/> is delivered strictly before <paramref name="b"/>: exactly <see cref="EventOrder.Precedes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Precedes(in EventKey a, in EventKey b)
    {
        if (a.Time != b.Time) return a.Time < b.Time;
        if (a.SenderKey != b.SenderKey) return a.SenderKey < b.SenderKey;
        return a.Sequence < b.Sequence;
    }

    /// <summary>Compares by <see cref="EventOrder"/>; as an <see cref="IComparable{T}"/> of a struct, sorting a span of keys needs no comparer object and no virtual calls.</summary>
    public readonly int CompareTo(EventKey other) =>
        EventOrder.Compare(Time, SenderKey, Sequence, other.Time, other.SenderKey, other.Sequence);
}
