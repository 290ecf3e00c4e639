using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>One thread's scheduling state in a <see cref="FairScheduler"/> (fair.c's <c>sched_entity</c>) and its counts.</summary>
internal sealed class CpuThreadState(CpuThreadSpec spec, int weight, bool[] allowed)
{
    public CpuThreadSpec Spec { get; } = spec;
    public int Weight { get; } = weight;
    public bool[] Allowed { get; } = allowed;
    /// <summary>The core whose run queue it last belonged to, or -1 before its first wake-up.</summary>
    public int Core { get; set; } = -1;
    public long VRuntime { get; set; }
    /// <summary>What is left of CPU time · NICE_0 after dividing by the weight, carried into the next accounting.</summary>
    public long VRuntimeRemainder { get; set; }
    /// <summary>Its place among equal virtual runtimes in a queue (arrival order).</summary>
    public long Order { get; set; }
    public bool IsRunnable { get; set; }
    /// <summary>Context-switch time it still owes before its work goes on.</summary>
    public long Overhead { get; set; }
    public long Switches { get; set; }
    /// <summary>What is left of the burst under way.</summary>
    public long Remaining { get; set; }
    /// <summary>Bursts given while it was runnable, in order, with when each was given.</summary>
    public Queue<(long Work, long At, bool Hold)> Pending { get; } = new();
    /// <summary>Whether it keeps its core when the burst under way is done and nothing follows.</summary>
    public bool HoldAfter { get; set; }
    /// <summary>Done with its bursts but keeping its core (runnable) until the next is given.</summary>
    public bool Holding { get; set; }
    public long WokenAt { get; set; }
    public long WaitingSince { get; set; }
    public long Ran { get; set; }
    public long Waited { get; set; }
    public long Wakeups { get; set; }
    public long Preemptions { get; set; }
    public long Migrations { get; set; }

    /// <summary>
    /// Joins <paramref name="core"/>'s run queue. A thread's first core places it at that core's <c>min_vruntime</c>; a
    /// migrating thread keeps its lag, its virtual runtime moved from the old core's <c>min_vruntime</c> to the new one's.
    /// </summary>
    public void MoveTo(CoreRunQueue core, CoreRunQueue[] cores)
    {
        if (Core == core.Index) return;
        if (Core < 0) VRuntime = core.MinVRuntime;
        else
        {
            VRuntime = VRuntime - cores[Core].MinVRuntime + core.MinVRuntime;
            Migrations++;
        }
        Core = core.Index;
    }

    /// <summary>
    /// It ran <paramref name="delta"/> more: context-switch overhead it owes is paid first, then its burst (unless it
    /// holds its core with nothing to do); virtual runtime grows by delta·NICE_0/weight, exactly (the remainder carries).
    /// </summary>
    public void Charge(long delta)
    {
        long overhead = Math.Min(delta, Overhead);
        Overhead -= overhead;
        if (!Holding) Remaining -= delta - overhead;
        Ran += delta;
        long scaled = delta * NiceWeights.NiceZero + VRuntimeRemainder;
        VRuntime += scaled / Weight;
        VRuntimeRemainder = scaled % Weight;
    }

    /// <summary>Its counts, with <paramref name="waitingNow"/> of a wait still under way added.</summary>
    public CpuThreadStatistics Statistics(long waitingNow) =>
        new(new SimTime(Ran), new SimTime(Waited + waitingNow), Wakeups, Preemptions, Migrations, Switches);
}
