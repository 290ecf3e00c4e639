using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// N cores shared by threads under a CFS-like fair scheduler (Linux kernel/sched/fair.c, v2.6.23 to v6.5), as a passive
/// model its owner drives: <see cref="Wake"/> gives a thread a burst of CPU work, <see cref="RunUntil"/> advances time
/// and <see cref="TakeDone"/> returns the bursts that finished. Time a thread waits for a core, and so wake-up latency
/// and jitter, follow from the load rather than from a constant.
/// <list type="bullet">
/// <item>Each core runs the thread of least virtual runtime from its run queue; virtual runtime grows by CPU time scaled
/// by NICE_0 / weight (<c>update_curr</c>, <see cref="NiceWeights"/>).</item>
/// <item>A running thread's slice is its weight's share of the period (<c>sched_slice</c>,
/// <see cref="FairSchedulerSettings.Period"/>), counted from when it was picked and shrunk at once when a thread joins its
/// queue (Linux re-evaluates it at every tick); at its end the core switches to the queue's leftmost thread if that has
/// no more virtual runtime: the running thread goes back into the tree after its equals (<c>check_preempt_tick</c>,
/// noticed at the next scheduler tick when <see cref="FairSchedulerSettings.Tick"/> is set, else exactly, as with
/// <c>HRTICK</c>).</item>
/// <item>A waking thread's virtual runtime is raised to at least the core's <c>min_vruntime</c> less half the latency
/// (<c>place_entity</c> with GENTLE_FAIR_SLEEPERS), and it preempts the running thread at once when it is behind by more
/// than the wakeup granularity scaled to its weight (<c>check_preempt_wakeup</c>, <c>wakeup_gran</c>).</item>
/// <item>Waking threads are placed, and idle cores pull queued ones, as <see cref="CorePlacement"/> says; a migrating
/// thread keeps its lag (its virtual runtime moves from the old core's <c>min_vruntime</c> to the new one's).</item>
/// </list>
/// A core that starts a thread other than the one it ran last charges it <see cref="FairSchedulerSettings.ContextSwitch"/>
/// of CPU time before its work goes on (a core's first thread is not charged: nothing ran there before it).
/// Deterministic: ties between cores go to the lower index, ties in a queue to the earlier arrival. No thread runs on two
/// cores at once, and every burst runs for exactly its work. Segments of running are reported to the optional observer.
/// </summary>
public sealed class FairScheduler
{
    private readonly FairSchedulerSettings _settings;
    private readonly CoreRunQueue[] _cores;
    private readonly bool[] _isolated;
    private readonly List<CpuThreadState> _threads = [];
    private readonly Queue<BurstDone> _done = new();
    private readonly Action<RunSegment>? _onSegment;
    private readonly Action<int, int, SimTime>? _onSwitch;
    private long _now, _order;

    /// <summary>
    /// <paramref name="cores"/> idle cores, of which <paramref name="isolated"/> (<c>isolcpus=</c>) run only threads pinned to
    /// them; every finished stretch of running goes to <paramref name="onSegment"/> if given, and every change of what a
    /// core runs (core, thread or -1 for idle, time) to <paramref name="onSwitch"/>.
    /// </summary>
    public FairScheduler(int cores, FairSchedulerSettings settings, IReadOnlyCollection<int>? isolated = null, Action<RunSegment>? onSegment = null,
        Action<int, int, SimTime>? onSwitch = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        settings.Validate();
        _settings = settings;
        _cores = Enumerable.Range(0, cores).Select(i => new CoreRunQueue(i)).ToArray();
        _isolated = CorePlacement.Isolated(cores, isolated);
        _onSegment = onSegment;
        _onSwitch = onSwitch;
    }

    /// <summary>The time up to which the model has run.</summary>
    public SimTime Now => new(_now);

    /// <summary>Adds a sleeping thread; returns its number.</summary>
    public int AddThread(CpuThreadSpec spec)
    {
        _threads.Add(new CpuThreadState(spec, NiceWeights.Of(spec.Nice), CorePlacement.Allowed(spec, _isolated)));
        return _threads.Count - 1;
    }

    /// <summary>What <paramref name="thread"/> got so far (its current stretch of running or waiting counted up to <see cref="Now"/>).</summary>
    public CpuThreadStatistics Statistics(int thread)
    {
        var t = _threads[thread];
        bool waiting = t.IsRunnable && _cores[t.Core].Running != thread;
        return t.Statistics(waiting ? _now - t.WaitingSince : 0);
    }

    /// <summary>The thread running on <paramref name="core"/>, or -1 when it is idle.</summary>
    public int RunningOn(int core) => _cores[core].Running;

    /// <summary>When the next burst ends or slice expires, or <see cref="SimTime.MaxValue"/> when every core is idle.</summary>
    public SimTime NextEvent => NextCore() is { } core ? new SimTime(EventOf(core)) : SimTime.MaxValue;

    /// <summary>
    /// At <paramref name="now"/>, <paramref name="thread"/> gets a burst of <paramref name="work"/> (zero: it only needs a
    /// core). A sleeping thread wakes and is placed; a runnable one runs it after its other bursts, without sleeping, each
    /// burst reported done on its own. <paramref name="hold"/>: when done with nothing to follow, the thread keeps its core
    /// until its next burst (dispatched, about to say how much it has to do). Events up to <paramref name="now"/> run first.
    /// </summary>
    public void Wake(int thread, SimTime now, SimTime work, bool hold = false)
    {
        if (work.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(work), work, "a burst cannot have negative work");
        RunThrough(now.Picoseconds);
        var t = _threads[thread];
        hold |= t.Spec.Polls;
        if (t.Holding)
        {
            (t.Holding, t.Remaining, t.WokenAt, t.HoldAfter) = (false, work.Picoseconds, _now, hold);
            return;
        }
        if (t.IsRunnable)
        {
            t.Pending.Enqueue((work.Picoseconds, _now, hold));
            return;
        }
        (t.IsRunnable, t.Remaining, t.WokenAt, t.HoldAfter, t.WaitingSince) = (true, work.Picoseconds, _now, hold, _now);
        t.Wakeups++;
        var core = _cores[CorePlacement.ChooseCore(t, _cores)];
        t.MoveTo(core, _cores);
        long floor = core.MinVRuntime - _settings.Latency.Picoseconds / 2;
        if (t.VRuntime < floor) t.VRuntime = floor;
        if (core.IsIdle)
        {
            Run(core, thread);
            return;
        }
        Account(core);
        var current = _threads[core.Running];
        long gran = _settings.WakeupGranularity.Picoseconds * NiceWeights.NiceZero / t.Weight;
        if (current.VRuntime - t.VRuntime > gran)
        {
            current.Preemptions++;
            Deschedule(core);
            Run(core, thread);
        }
        else Enqueue(core, thread);
        PullToIdleCores();
    }

    /// <summary>Runs every event up to and including <paramref name="until"/> (nothing when the model is past it already).</summary>
    public void RunUntil(SimTime until)
    {
        if (until.Picoseconds >= _now) RunThrough(until.Picoseconds);
    }

    /// <summary>The bursts finished since the last call, in the order they finished.</summary>
    public IReadOnlyList<BurstDone> TakeDone()
    {
        if (_done.Count == 0) return [];
        var done = _done.ToArray();
        _done.Clear();
        return done;
    }

    private void RunThrough(long time)
    {
        if (time < _now) throw new ArgumentOutOfRangeException(nameof(time), new SimTime(time), $"the scheduler is at {Now} already");
        while (NextCore() is { } core && EventOf(core) <= time) Step(core);
        AccountAll(time);
    }

    private void AccountAll(long time)
    {
        _now = time;
        foreach (var core in _cores) Account(core);
    }

    private CoreRunQueue? NextCore()
    {
        CoreRunQueue? best = null;
        foreach (var core in _cores)
            if (!core.IsIdle && (best is null || EventOf(core) < EventOf(best))) best = core;
        return best;
    }

    private long EventOf(CoreRunQueue core)
    {
        var t = _threads[core.Running];
        return t.Holding ? core.SliceEnd : Math.Min(core.SliceEnd, core.Accounted + t.Overhead + t.Remaining);
    }

    private void Step(CoreRunQueue core)
    {
        _now = Math.Max(_now, EventOf(core));
        Account(core);
        var t = _threads[core.Running];
        while (!t.Holding && t.Remaining == 0 && t.Overhead == 0)
        {
            int thread = core.Running;
            _done.Enqueue(new BurstDone(thread, new SimTime(t.WokenAt), new SimTime(_now)));
            if (t.Pending.TryDequeue(out var next))
            {
                (t.Remaining, t.WokenAt, t.HoldAfter) = next;
            }
            else if (t.HoldAfter)
            {
                t.Holding = true;
            }
            else
            {
                EndSegment(core);
                core.Running = -1;
                t.IsRunnable = false;
                PickNext(core);
                PullToIdleCores();
                return;
            }
        }
        if (_now < core.SliceEnd) return;
        if (core.QueuedCount > 0 && core.Leftmost.VRuntime <= t.VRuntime)
        {
            t.Preemptions++;
            Deschedule(core);
            PickNext(core);
        }
        else
        {
            core.SliceStart = _now;
            core.SliceEnd = _settings.NoticedAt(_now + core.SliceOf(_settings, t.Weight));
        }
        PullToIdleCores();
    }

    private void Account(CoreRunQueue core)
    {
        if (core.IsIdle || _now <= core.Accounted)
        {
            if (core.IsIdle) core.Accounted = _now;
            return;
        }
        var t = _threads[core.Running];
        t.Charge(_now - core.Accounted);
        core.Accounted = _now;
        long min = core.QueuedCount > 0 ? Math.Min(t.VRuntime, core.Leftmost.VRuntime) : t.VRuntime;
        if (min > core.MinVRuntime) core.MinVRuntime = min;
    }

    private void Run(CoreRunQueue core, int thread)
    {
        var t = _threads[thread];
        t.Waited += _now - t.WaitingSince;
        if (core.LastThread >= 0 && core.LastThread != thread && _settings.ContextSwitch.Picoseconds > 0)
        {
            t.Overhead += _settings.ContextSwitch.Picoseconds;
            t.Switches++;
        }
        core.LastThread = thread;
        core.Running = thread;
        _onSwitch?.Invoke(core.Index, thread, new SimTime(_now));
        core.RunStart = core.Accounted = core.SliceStart = _now;
        core.SliceEnd = _settings.NoticedAt(_now + core.SliceOf(_settings, t.Weight));
    }

    private void Deschedule(CoreRunQueue core)
    {
        int thread = core.Running;
        EndSegment(core);
        core.Running = -1;
        _threads[thread].WaitingSince = _now;
        Enqueue(core, thread);
    }

    private void EndSegment(CoreRunQueue core)
    {
        if (_now > core.RunStart) _onSegment?.Invoke(new RunSegment(core.Running, core.Index, core.RunStart, _now));
        _onSwitch?.Invoke(core.Index, -1, new SimTime(_now));
    }

    /// <summary>Queues <paramref name="thread"/> on <paramref name="core"/>; the running thread's slice shrinks to its new share.</summary>
    private void Enqueue(CoreRunQueue core, int thread)
    {
        var t = _threads[thread];
        t.Order = ++_order;
        core.Enqueue(t.VRuntime, t.Order, thread, t.Weight);
        if (!core.IsIdle) core.SliceEnd = Math.Max(_now, _settings.NoticedAt(core.SliceStart + core.SliceOf(_settings, _threads[core.Running].Weight)));
    }

    private void PickNext(CoreRunQueue core)
    {
        if (core.QueuedCount == 0 && !Pull(core)) return;
        var (vruntime, order, thread) = core.Leftmost;
        core.Remove(vruntime, order, thread, _threads[thread].Weight);
        Run(core, thread);
    }

    private void PullToIdleCores()
    {
        foreach (var core in _cores)
            if (core.IsIdle) PickNext(core);
    }

    /// <summary>Moves to <paramref name="idle"/> the thread <see cref="CorePlacement.PullFor"/> picks; false when none may come.</summary>
    private bool Pull(CoreRunQueue idle)
    {
        var (from, fromThread) = CorePlacement.PullFor(idle, _cores, _threads);
        if (from is null) return false;
        var t = _threads[fromThread];
        from.Remove(t.VRuntime, t.Order, fromThread, t.Weight);
        t.MoveTo(idle, _cores);
        Enqueue(idle, fromThread);
        return true;
    }

}
