using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// The tunables of a CFS-like fair scheduler (Linux kernel/sched/fair.c before EEVDF, v2.6.23 to v6.5):
/// <c>sched_latency_ns</c> (the period in which every runnable thread of a core runs once), <c>sched_min_granularity_ns</c>
/// (the shortest slice; with more than latency/min_granularity threads the period stretches to count·min_granularity) and
/// <c>sched_wakeup_granularity_ns</c> (how much less virtual runtime a waking thread needs to preempt the running one).
/// Linux's defaults are 6 ms, 0.75 ms and 1 ms (fair.c <c>sysctl_sched_latency = 6000000ULL</c>,
/// <c>sysctl_sched_min_granularity = 750000ULL</c>, <c>sysctl_sched_wakeup_granularity = 1000000UL</c>), multiplied at boot
/// by 1 + log2(min(online CPUs, 8)) under the default logarithmic tunable scaling (<c>get_update_sysctl_factor</c>):
/// a 4-core host reads 18 ms, 2.25 ms and 3 ms in /proc/sys/kernel. <see cref="Linux"/> computes them.
/// </summary>
/// <param name="Latency"><c>sched_latency_ns</c>.</param>
/// <param name="MinGranularity"><c>sched_min_granularity_ns</c>.</param>
/// <param name="WakeupGranularity"><c>sched_wakeup_granularity_ns</c>.</param>
/// <param name="Tick">
/// The scheduler tick (1/<c>CONFIG_HZ</c>: 4 ms at HZ=250, 1 ms at HZ=1000), at which a core notices that its running
/// thread's slice has run out (<c>check_preempt_tick</c> runs from <c>scheduler_tick</c>); ticks fall at whole multiples
/// of it. Zero (the default): slices end exactly, as with the high-resolution tick (<c>HRTICK</c>). Wake-up preemption
/// does not wait for a tick either way.
/// </param>
/// <param name="ContextSwitch">
/// CPU time a core spends each time it starts a thread other than the one it ran last (saving and restoring state,
/// refilling caches and TLB), paid by the incoming thread before its work; zero by default. A cost, so it comes from
/// the cost profile (<c>host.contextSwitch</c>) with its provenance.
/// </param>
public sealed record FairSchedulerSettings(SimTime Latency, SimTime MinGranularity, SimTime WakeupGranularity, SimTime Tick = default,
    SimTime ContextSwitch = default)
{
    /// <summary>Linux's defaults on a host with <paramref name="onlineCpus"/> CPUs (logarithmic scaling, capped at 8 CPUs).</summary>
    public static FairSchedulerSettings Linux(int onlineCpus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onlineCpus, 1);
        long factor = 1 + (long)Math.Log2(Math.Min(onlineCpus, 8));
        return new FairSchedulerSettings(
            SimTime.FromMilliseconds(6) * factor, SimTime.FromMicroseconds(750) * factor, SimTime.FromMilliseconds(1) * factor);
    }

    /// <summary>The scheduling period for <paramref name="runnable"/> threads on one core (fair.c <c>__sched_period</c>).</summary>
    public SimTime Period(int runnable)
    {
        long latencyThreads = Math.Max(1, Latency.Picoseconds / Math.Max(1, MinGranularity.Picoseconds));
        return runnable > latencyThreads ? MinGranularity * runnable : Latency;
    }

    /// <summary>When a slice that runs out at <paramref name="end"/> is noticed: at the next tick, or at once without ticks.</summary>
    public long NoticedAt(long end)
    {
        long tick = Tick.Picoseconds;
        if (tick <= 0) return end;
        long ticks = end / tick + (end % tick == 0 ? 0 : 1);
        return checked(ticks * tick);
    }

    /// <summary>Throws when a tunable is not positive, or the minimum granularity exceeds the latency.</summary>
    public void Validate()
    {
        if (Latency.Picoseconds <= 0 || MinGranularity.Picoseconds <= 0 || WakeupGranularity.Picoseconds < 0)
            throw new ArgumentException($"scheduler tunables must be positive: {this}");
        if (MinGranularity > Latency) throw new ArgumentException($"min granularity {MinGranularity} above latency {Latency}");
        if (Tick.Picoseconds < 0) throw new ArgumentException($"a negative tick: {Tick}");
        if (ContextSwitch.Picoseconds < 0) throw new ArgumentException($"a negative context switch: {ContextSwitch}");
    }
}
