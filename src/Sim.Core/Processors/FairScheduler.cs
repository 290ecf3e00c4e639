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
/// <item>A waking thread goes to its previous core if that is idle, else to the lowest idle core it may use, else to its
/// previous core, else to its allowed core with the fewest runnable threads (a simplified <c>select_idle_sibling</c>).
/// A migrating thread keeps its lag: its virtual runtime is moved from the old core's <c>min_vruntime</c> to the new one's.</item>
/// <item>A core that goes idle pulls at once the least-advanced queued thread it may run from the core with the most
/// queued threads (<c>newidle_balance</c>). This makes the model work-conserving: no core in a waiting thread's affinity
/// is idle. Linux's periodic balancing between busy cores (every few ms) is not modelled, so busy cores do not even out
/// their queues; and Linux can leave a core idle for up to a balance interval, which this model does not.</item>
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
        _isolated = new bool[cores];
        foreach (int core in isolated ?? [])
        {
            if (core < 0 || core >= cores) throw new ArgumentOutOfRangeException(nameof(isolated), core, $"no core {core} among {cores}");
            _isolated[core] = true;
        }
        if (_isolated.All(i => i)) throw new ArgumentException("every core is isolated: unpinned threads could run nowhere", nameof(isolated));
        _onSegment = onSegment;
        _onSwitch = onSwitch;
    }

    /// <summary>Cores.</summary>
    public int CoreCount => _cores.Length;

    /// <summary>The time up to which the model has run.</summary>
    public SimTime Now => new(_now);

    /// <summary>Adds a sleeping thread; returns its number.</summary>
    public int AddThread(CpuThreadSpec spec)
    {
        var allowed = new bool[_cores.Length];
        if (spec.Affinity is null)
        {
            for (int c = 0; c < allowed.Length; c++) allowed[c] = !_isolated[c];
        }
        else
        {
            if (spec.Affinity.Count == 0) throw new ArgumentException($"thread '{spec.Name}' has an empty affinity", nameof(spec));
            foreach (int c in spec.Affinity)
            {
                if (c < 0 || c >= allowed.Length) throw new ArgumentException($"thread '{spec.Name}' is pinned to core {c}, and there are {allowed.Length}", nameof(spec));
                allowed[c] = true;
            }
        }
        _threads.Add(new CpuThreadState(spec, NiceWeights.Of(spec.Nice), allowed));
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
    public SimTime NextEvent
    {
        get
        {
            long next = long.MaxValue;
            foreach (var core in _cores)
                if (!core.IsIdle) next = Math.Min(next, EventOf(core));
            return new SimTime(next);
        }
    }

    /// <summary>
    /// At <paramref name="now"/>, <paramref name="thread"/> has a burst of <paramref name="work"/> CPU work (zero: it only
    /// needs to get onto a core, and is done when it does; <paramref name="hold"/>: when it is done and nothing follows, the
    /// thread keeps its core, runnable, until its next burst is given, as a thread that was dispatched and is about to
    /// say how much it has to do): a sleeping thread
    /// wakes and is placed on a core; a runnable one does it after the bursts it has, without sleeping in between (each
    /// burst is reported done on its own). Events up to and including <paramref name="now"/> run first: a burst that ends
    /// at the instant another thread wakes is done before the wake-up is placed.
    /// </summary>
    public void Wake(int thread, SimTime now, SimTime work, bool hold = false)
    {
        if (work.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(work), work, "a burst cannot have negative work");
        RunThrough(now.Picoseconds);
        var t = _threads[thread];
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
        t.IsRunnable = true;
        t.Remaining = work.Picoseconds;
        t.WokenAt = _now;
        t.HoldAfter = hold;
        t.Wakeups++;
        var core = _cores[ChooseCore(t)];
        MoveTo(t, core);
        long floor = core.MinVRuntime - _settings.Latency.Picoseconds / 2;
        if (t.VRuntime < floor) t.VRuntime = floor;
        t.WaitingSince = _now;
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

    /// <summary>Runs every event up to and including <paramref name="until"/>.</summary>
    public void RunUntil(SimTime until)
    {
        while (true)
        {
            var core = NextCore();
            if (core is null || EventOf(core) > until.Picoseconds) break;
            Step(core);
        }
        if (until.Picoseconds > _now) AccountAll(until.Picoseconds);
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
            core.SliceEnd = _settings.NoticedAt(_now + Slice(core, t));
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
        long delta = _now - core.Accounted;
        long overhead = Math.Min(delta, t.Overhead);
        t.Overhead -= overhead;
        if (!t.Holding) t.Remaining -= delta - overhead;
        t.Ran += delta;
        long scaled = delta * NiceWeights.NiceZero + t.VRuntimeRemainder;   // exact: no rounding drift over many slices
        t.VRuntime += scaled / t.Weight;
        t.VRuntimeRemainder = scaled % t.Weight;
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
        core.SliceEnd = _settings.NoticedAt(_now + Slice(core, t));
    }

    private long Slice(CoreRunQueue core, CpuThreadState running)
    {
        long total = core.QueuedWeight + running.Weight;
        long period = _settings.Period(core.QueuedCount + 1).Picoseconds;
        return Math.Max(1, (long)((Int128)period * running.Weight / total));
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
        if (!core.IsIdle) core.SliceEnd = Math.Max(_now, _settings.NoticedAt(core.SliceStart + Slice(core, _threads[core.Running])));
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

    /// <summary>Moves the least-advanced thread <paramref name="idle"/> may run from the core with the most queued threads.</summary>
    private bool Pull(CoreRunQueue idle)
    {
        CoreRunQueue? from = null;
        int fromThread = -1;
        foreach (var core in _cores)
        {
            if (core == idle || core.QueuedCount == 0 || (from is not null && core.QueuedCount <= from.QueuedCount)) continue;
            foreach (var (_, _, thread) in core.Queued)
            {
                if (!_threads[thread].Allowed[idle.Index]) continue;
                from = core;
                fromThread = thread;
                break;
            }
        }
        if (from is null) return false;
        var t = _threads[fromThread];
        from.Remove(t.VRuntime, t.Order, fromThread, t.Weight);
        MoveTo(t, idle);
        Enqueue(idle, fromThread);
        return true;
    }

    private void MoveTo(CpuThreadState t, CoreRunQueue core)
    {
        if (t.Core == core.Index) return;
        if (t.Core < 0) t.VRuntime = core.MinVRuntime;
        else
        {
            t.VRuntime = t.VRuntime - _cores[t.Core].MinVRuntime + core.MinVRuntime;
            t.Migrations++;
        }
        t.Core = core.Index;
    }

    private int ChooseCore(CpuThreadState t)
    {
        if (t.Core >= 0 && t.Allowed[t.Core] && _cores[t.Core].IsIdle) return t.Core;
        for (int c = 0; c < _cores.Length; c++)
            if (t.Allowed[c] && _cores[c].IsIdle) return c;
        if (t.Core >= 0 && t.Allowed[t.Core]) return t.Core;
        int best = -1;
        for (int c = 0; c < _cores.Length; c++)
            if (t.Allowed[c] && (best < 0 || _cores[c].QueuedCount < _cores[best].QueuedCount)) best = c;
        return best;
    }
}
