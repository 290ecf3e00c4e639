using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Sim.Core.Actors;
using Sim.Core.Scheduling;

namespace Sim.Core.Running;

/// <summary>
/// A logical process (LP): a group of actors with one event queue and one clock, run in a tight loop. One LP is the
/// default and the fast path. Envelopes carry their complete ordering key (<see cref="EventOrder"/>), so several LPs
/// advancing together in lookahead-wide windows deliver each actor's events in the same order as one LP does. Today
/// LPs never send to each other (independent partitions, run one after another by <see cref="PartitionedRun"/>); LPs
/// that exchange messages under a lookahead, on threads or MPI ranks, are the subject of their own work.
/// </summary>
internal sealed class LogicalProcess
{
    /// <summary>How many events run between checks for cancellation and progress reports.</summary>
    internal const int BatchSize = 4096;

    private readonly EventQueue _queue;

    public LogicalProcess(int index, int initialCapacity = 1024)
    {
        Index = index;
        _queue = new EventQueue(initialCapacity);
    }

    /// <summary>This LP's index among the run's LPs.</summary>
    public int Index { get; }

    /// <summary>This LP's clock, in picoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>Events delivered by this LP.</summary>
    public long Delivered { get; private set; }

    /// <summary>The observer of every delivery, or null (the usual case: one null check per event).</summary>
    public IDeliveryTap? Tap { get; set; }

    /// <summary>Events pending in this LP's queue.</summary>
    public int Pending => _queue.Count;

    /// <summary>The time of this LP's next event; false when its queue is empty.</summary>
    public bool TryPeekTime(out long time) => _queue.TryPeekTime(out time);

    /// <summary>Queues an event for one of this LP's actors (the set-up path).</summary>
    public void Enqueue(in Envelope envelope) =>
        Enqueue(envelope.Time, envelope.SenderKey, envelope.Sequence, envelope.IsTimer, envelope.Target, envelope.Sender, envelope.Message);

    /// <summary>Queues an event for one of this LP's actors: <paramref name="message"/> from <paramref name="sender"/> to <paramref name="target"/> at <paramref name="time"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(long time, ulong senderKey, long sequence, bool isTimer, Actor target, Actor? sender, object message)
    {
        if (!ReferenceEquals(target.Process, this)) ThrowOtherProcess(target);
        if (time < Now) ThrowInPast(target, time);
        _queue.Push(time, senderKey, sequence, isTimer, target, sender, message);
    }

    [DoesNotReturn]
    private static void ThrowOtherProcess(Actor target) =>
        throw new NotSupportedException($"actor '{target.Id}' is in another partition (logical process): partitions of a simulation must not send to each other");

    [DoesNotReturn]
    private void ThrowInPast(Actor target, long time) =>
        throw new InvalidOperationException($"event for '{target.Id}' scheduled in the past ({time} ps < {Now} ps)");

    /// <summary>Moves the clock forward without delivering anything (to a stop time with no events before it).</summary>
    public void AdvanceTo(long time)
    {
        if (time > Now) Now = time;
    }

    /// <summary>
    /// Delivers events with time before <paramref name="endExclusive"/>, at most <paramref name="maxEvents"/> of them,
    /// checking <paramref name="cancel"/> and reporting <paramref name="progress"/> between batches.
    /// Returns why it stopped: <see cref="StopReason.EndReached"/> means no event before the end remains.
    /// </summary>
    public StopReason RunUntil(long endExclusive, long maxEvents, CancellationToken cancel, Action<long>? progress)
    {
        EventQueue queue = _queue;
        IDeliveryTap? tap = Tap;
        long delivered = Delivered;
        long budgetEnd = maxEvents == long.MaxValue ? long.MaxValue : delivered + maxEvents;
        long nextCheck = delivered + BatchSize;
        long nextStop = Math.Min(budgetEnd, nextCheck);
        try
        {
            while (true)
            {
                if (delivered >= nextStop)
                {
                    // Off the hot path: stop only if an event before the end remains, as the caller expects.
                    if (!queue.TryPeekTime(out long next) || next >= endExclusive) return StopReason.EndReached;
                    if (delivered >= budgetEnd) return StopReason.EventBudget;
                    nextCheck = delivered + BatchSize;
                    nextStop = Math.Min(budgetEnd, nextCheck);
                    if (cancel.IsCancellationRequested) return StopReason.Cancelled;
                    progress?.Invoke(delivered);
                }
                if (!queue.TryPopBefore(endExclusive, out EventKey key, out EventPayload payload)) return StopReason.EndReached;
                Now = key.Time;
                if (key.TimerFlag != 0 && !payload.Target.ClaimTimerDelivery(key.Sequence)) continue;
                delivered++;
                tap?.OnDeliver(key.Time, payload.Sender, payload.Target, payload.Message);
                Deliver(payload.Target, payload.Message, payload.Sender);
            }
        }
        finally
        {
            Delivered = delivered;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Deliver(Actor target, object message, Actor? sender)
    {
        try
        {
            // A null sender makes ActorRef.None, the sender of set-up events.
            target.Handle(message, new ActorRef(sender?.Slot));
        }
        catch (Exception ex) when (ex is not ActorFailedException)
        {
            throw new ActorFailedException(target.Id.Path, new Time.SimTime(Now), message.GetType().Name, ex);
        }
    }
}
