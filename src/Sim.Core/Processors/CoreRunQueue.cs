namespace Sim.Core.Processors;

/// <summary>
/// One core of a <see cref="FairScheduler"/>: the thread running on it and its run queue ordered by virtual runtime
/// (the red-black tree of fair.c's <c>cfs_rq</c>; ties by arrival order), with the queue's total weight and the core's
/// monotonic <c>min_vruntime</c>.
/// </summary>
internal sealed class CoreRunQueue(int index)
{
    private readonly SortedSet<(long VRuntime, long Order, int Thread)> _queue = new();

    public int Index { get; } = index;
    public int Running { get; set; } = -1;
    /// <summary>The thread this core ran last, or -1: starting another one costs a context switch.</summary>
    public int LastThread { get; set; } = -1;
    /// <summary>When the running thread started this stretch (a <see cref="RunSegment"/> begins here).</summary>
    public long RunStart { get; set; }
    /// <summary>Up to when the running thread's runtime has been accounted.</summary>
    public long Accounted { get; set; }
    /// <summary>When the running thread was last picked (its slice is measured from here, fair.c <c>prev_sum_exec_runtime</c>).</summary>
    public long SliceStart { get; set; }
    /// <summary>When the running thread's slice ends.</summary>
    public long SliceEnd { get; set; }
    public long MinVRuntime { get; set; }
    public long QueuedWeight { get; private set; }
    public int QueuedCount => _queue.Count;
    public bool IsIdle => Running < 0;

    /// <summary>The slice of a running thread of <paramref name="weight"/>: its share of the period for this queue (<c>sched_slice</c>).</summary>
    public long SliceOf(FairSchedulerSettings settings, int weight)
    {
        long total = QueuedWeight + weight;
        long period = settings.Period(QueuedCount + 1).Picoseconds;
        return Math.Max(1, (long)((Int128)period * weight / total));
    }

    public void Enqueue(long vruntime, long order, int thread, int weight)
    {
        _queue.Add((vruntime, order, thread));
        QueuedWeight += weight;
    }

    public void Remove(long vruntime, long order, int thread, int weight)
    {
        if (!_queue.Remove((vruntime, order, thread))) throw new InvalidOperationException($"thread {thread} is not queued on core {Index}");
        QueuedWeight -= weight;
    }

    /// <summary>The queued thread with the least virtual runtime, or -1.</summary>
    public (long VRuntime, long Order, int Thread) Leftmost => _queue.Count == 0 ? (0, 0, -1) : _queue.Min;

    /// <summary>The queued threads, least virtual runtime first.</summary>
    public IEnumerable<(long VRuntime, long Order, int Thread)> Queued => _queue;
}
