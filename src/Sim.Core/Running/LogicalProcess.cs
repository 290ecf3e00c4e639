using Sim.Core.Actors;
using Sim.Core.Scheduling;

namespace Sim.Core.Running;

/// <summary>
/// A logical process (LP): a group of actors with one event queue and one clock, run in a tight loop. One LP is the
/// default and the fast path. Envelopes carry their complete ordering key (<see cref="EventOrder"/>), so several LPs
/// advancing together in lookahead-wide windows (threads, or MPI ranks) deliver each actor's events in the same order as
/// one LP does; executing several LPs is the subject of its own work and is rejected for now.
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

    /// <summary>Events pending in this LP's queue.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues an event for one of this LP's actors.</summary>
    public void Enqueue(in Envelope envelope)
    {
        if (!ReferenceEquals(envelope.Target.Process, this))
            throw new NotSupportedException($"actor '{envelope.Target.Id}' is in another logical process; multi-LP execution is not implemented yet");
        if (envelope.Time < Now)
            throw new InvalidOperationException($"event for '{envelope.Target.Id}' scheduled in the past ({envelope.Time} ps < {Now} ps)");
        _queue.Push(envelope);
    }

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
        long delivered = Delivered;
        long budgetEnd = maxEvents == long.MaxValue ? long.MaxValue : delivered + maxEvents;
        long nextCheck = delivered + BatchSize;
        try
        {
            while (queue.Count > 0 && queue.PeekTime < endExclusive)
            {
                if (delivered >= budgetEnd) return StopReason.EventBudget;
                if (delivered >= nextCheck)
                {
                    nextCheck = delivered + BatchSize;
                    if (cancel.IsCancellationRequested) return StopReason.Cancelled;
                    progress?.Invoke(delivered);
                }
                queue.Pop(out Envelope e);
                Now = e.Time;
                Actor target = e.Target;
                if (e.IsTimer && !target.ClaimTimerDelivery(e.Sequence)) continue;
                delivered++;
                Deliver(target, e.Message, e.Sender);
            }
            return StopReason.EndReached;
        }
        finally
        {
            Delivered = delivered;
        }
    }

    private void Deliver(Actor target, object message, Actor? sender)
    {
        try
        {
            target.Handle(message, sender is null ? ActorRef.None : sender.Ref);
        }
        catch (Exception ex) when (ex is not ActorFailedException)
        {
            throw new ActorFailedException(target.Id.Path, new Time.SimTime(Now), message.GetType().Name, ex);
        }
    }
}
