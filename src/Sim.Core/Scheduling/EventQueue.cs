using System.Runtime.CompilerServices;
using Sim.Core.Actors;

namespace Sim.Core.Scheduling;

/// <summary>
/// The pending-event set of one logical process, in exactly <see cref="EventOrder"/>: the ordering keys of the events
/// in a <see cref="LadderQueue"/> (O(1) amortised per event, whatever the number pending), and what they deliver in a
/// <see cref="PayloadSlab"/>. A steady run allocates nothing. Times must not be negative.
/// </summary>
internal sealed class EventQueue
{
    private readonly PayloadSlab _payloads;
    private readonly LadderQueue _keys;

    /// <summary>An empty queue with room for <paramref name="capacity"/> events before it grows.</summary>
    public EventQueue(int capacity = 1024)
    {
        capacity = Math.Max(16, capacity);
        _payloads = new PayloadSlab(capacity);
        _keys = new LadderQueue(capacity, _payloads);
    }

    /// <summary>Pending events.</summary>
    public int Count => _keys.Count;

    /// <summary>The time of the earliest pending event; the queue must not be empty.</summary>
    public long PeekTime => _keys.TryPeekTime(out long time) ? time : throw new InvalidOperationException("the event queue is empty");

    /// <summary>The time of the earliest pending event; false when the queue is empty.</summary>
    public bool TryPeekTime(out long time) => _keys.TryPeekTime(out time);

    /// <summary>Adds an event (the set-up path; actors use the other overload).</summary>
    public void Push(in Envelope envelope)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(envelope.Time);
        Push(envelope.Time, envelope.SenderKey, envelope.Sequence, envelope.IsTimer, envelope.Target, envelope.Sender, envelope.Message);
    }

    /// <summary>Adds an event with the key (<paramref name="time"/>, <paramref name="senderKey"/>, <paramref name="sequence"/>); the time must not be negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(long time, ulong senderKey, long sequence, bool isTimer, Actor target, Actor? sender, object message)
    {
        int slot = _payloads.Add(target, sender, message);
        _keys.Push(new EventKey { Time = time, SenderKey = senderKey, Sequence = sequence, Slot = slot, TimerFlag = isTimer ? 1 : 0 });
    }

    /// <summary>Removes the earliest event if it is due before <paramref name="endExclusive"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPopBefore(long endExclusive, out EventKey key, out EventPayload payload)
    {
        if (!_keys.TryPopBefore(endExclusive, out key))
        {
            payload = default;
            return false;
        }
        _payloads.Remove(key.Slot, out payload);
        return true;
    }

    /// <summary>Removes the earliest event into <paramref name="envelope"/>; the queue must not be empty.</summary>
    public void Pop(out Envelope envelope)
    {
        if (!_keys.TryPop(out EventKey key)) throw new InvalidOperationException("the event queue is empty");
        _payloads.Remove(key.Slot, out EventPayload payload);
        envelope = new Envelope
        {
            Time = key.Time,
            SenderKey = key.SenderKey,
            Sequence = key.Sequence,
            IsTimer = key.TimerFlag != 0,
            Target = payload.Target,
            Sender = payload.Sender,
            Message = payload.Message,
        };
    }
}
