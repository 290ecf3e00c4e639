namespace Sim.Core.Scheduling;

/// <summary>
/// THE order of events, written down in one place. An event is delivered at its time; events at the same time are
/// ordered by the sending actor's <see cref="Actors.ActorId.OrderKey"/> (a hash of its path), then by that sender's own
/// send counter (which counts every message and timer the sender has scheduled, starting at 1).
///
/// Every part of the key is a property of the sender and its history, never of the order in which actors were created
/// or registered, of the thread or process that runs them, or of the queue's internal layout. Two senders can never
/// produce equal keys (their paths differ, and a hash collision is rejected when the second actor is added), so the
/// order is total, and the same run gives the same order on one logical process or on many.
/// Events scheduled from outside any actor (during set-up) use the kernel's key 0 and the kernel's own counter.
/// </summary>
public static class EventOrder
{
    /// <summary>Compares two event keys: negative when (t1, k1, s1) is delivered before (t2, k2, s2).</summary>
    public static int Compare(long time1, ulong senderKey1, long sequence1, long time2, ulong senderKey2, long sequence2)
    {
        if (time1 != time2) return time1 < time2 ? -1 : 1;
        if (senderKey1 != senderKey2) return senderKey1 < senderKey2 ? -1 : 1;
        return sequence1.CompareTo(sequence2);
    }

    /// <summary>Whether (t1, k1, s1) is delivered strictly before (t2, k2, s2).</summary>
    public static bool Precedes(long time1, ulong senderKey1, long sequence1, long time2, ulong senderKey2, long sequence2) =>
        Compare(time1, senderKey1, sequence1, time2, senderKey2, sequence2) < 0;
}
