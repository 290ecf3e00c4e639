using Akka.Actor;

namespace Sim.Distributed.Coordinator;

/// <summary>
/// Which runs of a study wait and which worker holds which: the coordinator's bookkeeping, apart from its messages.
/// Runs are study run indices. A run is pending, in flight on one worker, or recorded. A lost worker's runs go back to
/// the front of the queue (in run order), so they are handed out next. A worker has open requests (free job slots it
/// asked to fill) and is either reachable (it gets work) or not (it keeps its requests and gets nothing).
/// </summary>
internal sealed class RunBoard
{
    private readonly LinkedList<int> _pending;
    private readonly Dictionary<IActorRef, Slots> _workers = [];
    private readonly HashSet<int> _recorded = [];

    /// <summary>A board whose runs <paramref name="missing"/> all wait, in that order.</summary>
    public RunBoard(IEnumerable<int> missing) => _pending = new LinkedList<int>(missing);

    /// <summary>Runs waiting to be handed out.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The workers known, reachable or not.</summary>
    public IEnumerable<IActorRef> Workers => _workers.Keys;

    /// <summary>Adds <paramref name="worker"/> (no open request yet); false when it was known.</summary>
    public bool Join(IActorRef worker) => _workers.TryAdd(worker, new Slots());

    /// <summary>Whether <paramref name="worker"/> is known.</summary>
    public bool Knows(IActorRef worker) => _workers.ContainsKey(worker);

    /// <summary>Whether <paramref name="worker"/> is known and reachable.</summary>
    public bool IsReachable(IActorRef worker) => _workers.TryGetValue(worker, out var slots) && slots.Reachable;

    /// <summary>Counts one more free slot of <paramref name="worker"/>.</summary>
    public void Request(IActorRef worker) => _workers[worker].Open++;

    /// <summary>Hands pending runs to reachable workers with open requests, in join order; returns (worker, run) pairs.</summary>
    public List<(IActorRef Worker, int Run)> Assign()
    {
        var handed = new List<(IActorRef, int)>();
        foreach (var (worker, slots) in _workers)
        {
            while (slots.Reachable && slots.Open > 0 && _pending.First is { } next)
            {
                _pending.RemoveFirst();
                slots.Open--;
                slots.InFlight.Add(next.Value);
                handed.Add((worker, next.Value));
            }
        }
        return handed;
    }

    /// <summary>
    /// Marks <paramref name="run"/> recorded (a worker returned it first); it leaves the queue and any worker's
    /// in-flight set. False when it was recorded before (the result is a duplicate).
    /// </summary>
    public bool Record(int run)
    {
        foreach (var slots in _workers.Values) slots.InFlight.Remove(run);
        if (!_recorded.Add(run)) return false;
        _pending.Remove(run);
        return true;
    }

    /// <summary>
    /// <paramref name="worker"/> is lost for now (unreachable): it gets no more work, and its runs in flight go back to the
    /// front of the queue. Returns the runs re-queued, in run order.
    /// </summary>
    public IReadOnlyList<int> Suspend(IActorRef worker)
    {
        if (!_workers.TryGetValue(worker, out var slots)) return [];
        slots.Reachable = false;
        return Requeue(slots);
    }

    /// <summary><paramref name="worker"/> is reachable again: it gets work for its open requests.</summary>
    public void Resume(IActorRef worker)
    {
        if (_workers.TryGetValue(worker, out var slots)) slots.Reachable = true;
    }

    /// <summary><paramref name="worker"/> is gone for good: it is forgotten and its runs in flight are re-queued.</summary>
    public IReadOnlyList<int> Remove(IActorRef worker)
    {
        if (!_workers.Remove(worker, out var slots)) return [];
        return Requeue(slots);
    }

    private List<int> Requeue(Slots slots)
    {
        var back = slots.InFlight.Where(r => !_recorded.Contains(r) && !_pending.Contains(r)).Order().ToList();
        slots.InFlight.Clear();
        for (int i = back.Count - 1; i >= 0; i--) _pending.AddFirst(back[i]);
        return back;
    }

    private sealed class Slots
    {
        public int Open;
        public bool Reachable = true;
        public readonly HashSet<int> InFlight = [];
    }
}
