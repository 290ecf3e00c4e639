namespace Sim.Core.Processors;

/// <summary>
/// Where a <see cref="FairScheduler"/>'s threads run. A waking thread goes to its previous core if that is idle, else to
/// the lowest idle core it may use, else to its previous core, else to its allowed core with the fewest runnable threads
/// (a simplified <c>select_idle_sibling</c>). A core that goes idle pulls at once the least-advanced queued thread it may
/// run from the core with the most queued threads (<c>newidle_balance</c>), which makes the model work-conserving: no
/// core in a waiting thread's affinity is idle. Linux's periodic balancing between busy cores (every few ms) is not
/// modelled, so busy cores do not even out their queues; and Linux can leave a core idle for up to a balance interval,
/// which this model does not. Ties go to the lower core index.
/// </summary>
internal static class CorePlacement
{
    /// <summary>Which of <paramref name="cores"/> cores are <paramref name="isolated"/>; at least one must not be.</summary>
    public static bool[] Isolated(int cores, IReadOnlyCollection<int>? isolated)
    {
        var flags = new bool[cores];
        foreach (int core in isolated ?? [])
        {
            if (core < 0 || core >= cores) throw new ArgumentOutOfRangeException(nameof(isolated), core, $"no core {core} among {cores}");
            flags[core] = true;
        }
        if (flags.All(i => i)) throw new ArgumentException("every core is isolated: unpinned threads could run nowhere", nameof(isolated));
        return flags;
    }

    /// <summary>The cores <paramref name="spec"/> may run on: its affinity, or every core not <paramref name="isolated"/>.</summary>
    public static bool[] Allowed(CpuThreadSpec spec, bool[] isolated)
    {
        var allowed = new bool[isolated.Length];
        if (spec.Affinity is null)
        {
            for (int c = 0; c < allowed.Length; c++) allowed[c] = !isolated[c];
            return allowed;
        }
        if (spec.Affinity.Count == 0) throw new ArgumentException($"thread '{spec.Name}' has an empty affinity", nameof(spec));
        foreach (int c in spec.Affinity)
        {
            if (c < 0 || c >= allowed.Length) throw new ArgumentException($"thread '{spec.Name}' is pinned to core {c}, and there are {allowed.Length}", nameof(spec));
            allowed[c] = true;
        }
        return allowed;
    }

    /// <summary>The core a waking thread <paramref name="t"/> is placed on.</summary>
    public static int ChooseCore(CpuThreadState t, CoreRunQueue[] cores)
    {
        if (t.Core >= 0 && t.Allowed[t.Core] && cores[t.Core].IsIdle) return t.Core;
        for (int c = 0; c < cores.Length; c++)
            if (t.Allowed[c] && cores[c].IsIdle) return c;
        if (t.Core >= 0 && t.Allowed[t.Core]) return t.Core;
        int best = -1;
        for (int c = 0; c < cores.Length; c++)
            if (t.Allowed[c] && (best < 0 || cores[c].QueuedCount < cores[best].QueuedCount)) best = c;
        return best;
    }

    /// <summary>The queued thread <paramref name="idle"/> pulls and the core it leaves, or (null, -1) when none may come.</summary>
    public static (CoreRunQueue? From, int Thread) PullFor(CoreRunQueue idle, CoreRunQueue[] cores, IReadOnlyList<CpuThreadState> threads)
    {
        CoreRunQueue? from = null;
        int pulled = -1;
        foreach (var core in cores)
        {
            if (core == idle || core.QueuedCount == 0 || (from is not null && core.QueuedCount <= from.QueuedCount)) continue;
            foreach (var (_, _, thread) in core.Queued)
            {
                if (!threads[thread].Allowed[idle.Index]) continue;
                from = core;
                pulled = thread;
                break;
            }
        }
        return (from, pulled);
    }
}
