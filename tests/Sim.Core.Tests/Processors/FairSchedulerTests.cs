using Sim.Core.Processors;
using Sim.Core.Time;

namespace Sim.Core.Tests.Processors;

/// <summary>
/// Known behaviours of the CFS-like <see cref="FairScheduler"/>: Linux's default tunables, slices shared by weight,
/// wake-up preemption decided by the wakeup granularity, and isolated cores.
/// </summary>
public sealed class FairSchedulerTests
{
    private static readonly FairSchedulerSettings OneCpu = FairSchedulerSettings.Linux(1);   // 6 ms, 0.75 ms, 1 ms

    [Fact]
    public void Linux_defaults_scale_with_the_log_of_the_cpu_count_up_to_eight()
    {
        Assert.Equal(new FairSchedulerSettings(Ms(6), Us(750), Ms(1)), FairSchedulerSettings.Linux(1));
        Assert.Equal(new FairSchedulerSettings(Ms(18), Us(2250), Ms(3)), FairSchedulerSettings.Linux(4));
        Assert.Equal(new FairSchedulerSettings(Ms(24), Ms(3), Ms(4)), FairSchedulerSettings.Linux(8));
        Assert.Equal(FairSchedulerSettings.Linux(8), FairSchedulerSettings.Linux(96));
    }

    [Fact]
    public void The_period_stretches_past_latency_over_min_granularity_threads()
    {
        Assert.Equal(Ms(6), OneCpu.Period(8));                 // 6 ms / 0.75 ms = 8 threads fit the latency
        Assert.Equal(Us(750) * 9, OneCpu.Period(9));
    }

    [Fact]
    public void Two_equal_hogs_on_one_core_alternate_in_half_period_slices()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(1, OneCpu, onSegment: segments.Add);
        int a = scheduler.AddThread(new CpuThreadSpec("a")), b = scheduler.AddThread(new CpuThreadSpec("b"));
        scheduler.Wake(a, SimTime.Zero, Ms(12));
        scheduler.Wake(b, SimTime.Zero, Ms(12));
        Drain(scheduler);
        // a's slice shrinks to 3 ms when b joins; a slice that ends with both threads equal hands over (the running
        // thread goes back into the queue after its equal): a 0-3, b 3-6, a 6-9, ...
        Assert.Equal(new RunSegment(a, 0, 0, Ms(3).Picoseconds), segments[0]);
        Assert.Equal(new RunSegment(b, 0, Ms(3).Picoseconds, Ms(6).Picoseconds), segments[1]);
        Assert.Equal(new RunSegment(a, 0, Ms(6).Picoseconds, Ms(9).Picoseconds), segments[2]);
        Assert.Equal(8, segments.Count);
        Assert.Equal(Ms(24).Picoseconds, segments[^1].End);
        Assert.Equal(Ms(12), scheduler.Statistics(a).Ran);
        Assert.Equal(Ms(12), scheduler.Statistics(b).Ran);
    }

    [Fact]
    public void With_a_4ms_tick_a_slice_that_ran_out_is_noticed_at_the_next_tick()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(1, OneCpu with { Tick = Ms(4) }, onSegment: segments.Add);
        int a = scheduler.AddThread(new CpuThreadSpec("a")), b = scheduler.AddThread(new CpuThreadSpec("b"));
        scheduler.Wake(a, SimTime.Zero, Ms(12));
        scheduler.Wake(b, SimTime.Zero, Ms(12));
        Drain(scheduler);
        // 3 ms slices, each noticed at the tick after it runs out: a 0-4, b 4-8, a 8-12, ...
        Assert.Equal(new RunSegment(a, 0, 0, Ms(4).Picoseconds), segments[0]);
        Assert.Equal(new RunSegment(b, 0, Ms(4).Picoseconds, Ms(8).Picoseconds), segments[1]);
        Assert.Equal(new RunSegment(a, 0, Ms(8).Picoseconds, Ms(12).Picoseconds), segments[2]);
        Assert.Equal(Ms(24).Picoseconds, segments[^1].End);
    }

    [Fact]
    public void Each_switch_to_another_thread_costs_the_incoming_thread_a_context_switch()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(1, OneCpu with { ContextSwitch = Us(2) }, onSegment: segments.Add);
        int a = scheduler.AddThread(new CpuThreadSpec("a")), b = scheduler.AddThread(new CpuThreadSpec("b"));
        scheduler.Wake(a, SimTime.Zero, Us(10));
        scheduler.Wake(b, SimTime.Zero, Us(10));
        scheduler.Wake(a, Us(1), Us(10));     // a's second burst follows its first on the core it holds: no switch between
        Drain(scheduler);
        // a is the core's first thread (no switch); b follows a and pays 2 us before its work.
        Assert.Equal([new RunSegment(a, 0, 0, Us(20).Picoseconds), new RunSegment(b, 0, Us(20).Picoseconds, Us(32).Picoseconds)], segments);
        Assert.Equal((0L, 1L), (scheduler.Statistics(a).Switches, scheduler.Statistics(b).Switches));
    }

    [Fact]
    public void A_nice_minus_five_thread_gets_about_three_times_the_cpu_of_a_nice_zero_one()
    {
        var scheduler = new FairScheduler(1, OneCpu);
        int high = scheduler.AddThread(new CpuThreadSpec("high", Nice: -5)), low = scheduler.AddThread(new CpuThreadSpec("low"));
        scheduler.Wake(high, SimTime.Zero, Ms(1000));
        scheduler.Wake(low, SimTime.Zero, Ms(1000));
        scheduler.RunUntil(Ms(600));
        double ratio = scheduler.Statistics(high).Ran.TotalSeconds / scheduler.Statistics(low).Ran.TotalSeconds;
        Assert.InRange(ratio, 3121.0 / 1024 * 0.97, 3121.0 / 1024 * 1.03);     // weights 3121 and 1024
    }

    [Fact]
    public void A_long_sleeper_preempts_a_hog_at_once_because_it_is_placed_half_a_latency_behind()
    {
        var (scheduler, sleeper, hog) = SleeperAndHog(OneCpu);
        scheduler.Wake(sleeper, Ms(50), Us(100));
        Drain(scheduler, Ms(60));
        var done = Assert.Single(scheduler.TakeDone(), d => d.Thread == sleeper && d.WokenAt == Ms(50));
        Assert.Equal(Ms(50) + Us(100), done.At);                 // 3 ms behind > 1 ms wakeup granularity
        Assert.Equal(1, scheduler.Statistics(hog).Preemptions);
    }

    [Fact]
    public void A_sleeper_within_the_wakeup_granularity_waits_for_the_hogs_shrunk_slice_to_end()
    {
        var settings = OneCpu with { WakeupGranularity = Ms(4) };   // 3 ms behind is not enough now
        var (scheduler, sleeper, _) = SleeperAndHog(settings);
        scheduler.Wake(sleeper, Ms(50), Us(100));
        Drain(scheduler, Ms(60));
        var done = Assert.Single(scheduler.TakeDone(), d => d.Thread == sleeper && d.WokenAt == Ms(50));
        // The hog's 6 ms slices began at 0.1 ms; the one under way since 48.1 ms shrinks to 3 ms when the sleeper
        // joins, so it ends at 51.1 ms.
        Assert.Equal(Us(51_200), done.At);
        Assert.Equal(Us(1_100), scheduler.Statistics(sleeper).Waited);
    }

    [Fact]
    public void Unpinned_threads_never_run_on_an_isolated_core_and_a_pinned_one_does()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(2, FairSchedulerSettings.Linux(2), isolated: [1], onSegment: segments.Add);
        int a = scheduler.AddThread(new CpuThreadSpec("a")), b = scheduler.AddThread(new CpuThreadSpec("b"));
        int pinned = scheduler.AddThread(new CpuThreadSpec("pmd", Affinity: [1]));
        foreach (int t in new[] { a, b, pinned }) scheduler.Wake(t, SimTime.Zero, Ms(20));
        Drain(scheduler);
        Assert.All(segments.Where(s => s.Thread != pinned), s => Assert.Equal(0, s.Core));
        Assert.All(segments.Where(s => s.Thread == pinned), s => Assert.Equal(1, s.Core));
        Assert.Equal(Ms(20), scheduler.Statistics(pinned).Ran);
        Assert.Equal(SimTime.Zero, scheduler.Statistics(pinned).Waited);
        Assert.Equal(Ms(40), segments.Where(s => s.Core == 0).Max(s => new SimTime(s.End)));
    }

    [Fact]
    public void A_waking_thread_takes_an_idle_core_before_queueing_behind_a_busy_one()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(2, FairSchedulerSettings.Linux(2), onSegment: segments.Add);
        int hog = scheduler.AddThread(new CpuThreadSpec("hog")), worker = scheduler.AddThread(new CpuThreadSpec("worker"));
        scheduler.Wake(hog, SimTime.Zero, Ms(100));
        scheduler.Wake(worker, Us(10), Us(5));
        Assert.Equal(hog, scheduler.RunningOn(0));
        Assert.Equal(worker, scheduler.RunningOn(1));
        Drain(scheduler);
        Assert.Equal(SimTime.Zero, scheduler.Statistics(worker).Waited);
        Assert.Equal(new RunSegment(worker, 1, Us(10).Picoseconds, Us(15).Picoseconds), Assert.Single(segments, s => s.Thread == worker));
    }

    [Fact]
    public void A_polling_thread_keeps_its_core_between_bursts_so_its_next_burst_starts_at_once_and_other_threads_take_the_idle_core()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(2, FairSchedulerSettings.Linux(2) with { ContextSwitch = Us(2) }, onSegment: segments.Add);
        int pmd = scheduler.AddThread(new CpuThreadSpec("pmd", Polls: true)), other = scheduler.AddThread(new CpuThreadSpec("other"));
        scheduler.Wake(pmd, SimTime.Zero, Us(1));
        scheduler.Wake(other, Us(50), Us(5));   // core 0 is held by the polling thread, though it has no work
        scheduler.Wake(pmd, Us(100), Us(1));    // and its next burst starts there at once, with no switch and no wake-up
        scheduler.RunUntil(Us(200));
        Assert.Equal(pmd, scheduler.RunningOn(0));
        Assert.Equal([new BurstDone(pmd, SimTime.Zero, Us(1)), new BurstDone(other, Us(50), Us(55)), new BurstDone(pmd, Us(100), Us(101))], scheduler.TakeDone());
        Assert.Equal(1, scheduler.Statistics(pmd).Wakeups);
        Assert.Equal(0, scheduler.Statistics(pmd).Switches);
        Assert.Equal(1, Assert.Single(segments, s => s.Thread == other).Core);
    }

    [Fact]
    public void A_burst_given_to_a_running_thread_follows_the_one_under_way_without_a_sleep_between()
    {
        var segments = new List<RunSegment>();
        var scheduler = new FairScheduler(1, OneCpu, onSegment: segments.Add);
        int worker = scheduler.AddThread(new CpuThreadSpec("worker"));
        scheduler.Wake(worker, SimTime.Zero, Us(10));
        scheduler.Wake(worker, Us(4), Us(5));
        Drain(scheduler);
        Assert.Equal([new BurstDone(worker, SimTime.Zero, Us(10)), new BurstDone(worker, Us(4), Us(15))], scheduler.TakeDone());
        Assert.Equal(new RunSegment(worker, 0, 0, Us(15).Picoseconds), Assert.Single(segments));
        Assert.Equal(1, scheduler.Statistics(worker).Wakeups);
    }

    private static (FairScheduler Scheduler, int Sleeper, int Hog) SleeperAndHog(FairSchedulerSettings settings)
    {
        var scheduler = new FairScheduler(1, settings);
        int sleeper = scheduler.AddThread(new CpuThreadSpec("sleeper")), hog = scheduler.AddThread(new CpuThreadSpec("hog"));
        scheduler.Wake(sleeper, SimTime.Zero, Us(100));
        scheduler.Wake(hog, SimTime.Zero, Ms(1000));
        return (scheduler, sleeper, hog);
    }

    internal static void Drain(FairScheduler scheduler, SimTime? until = null)
    {
        while (scheduler.NextEvent != SimTime.MaxValue && (until is null || scheduler.NextEvent <= until.Value))
            scheduler.RunUntil(scheduler.NextEvent);
        if (until is { } end) scheduler.RunUntil(end);
    }

    private static SimTime Ms(double value) => SimTime.FromMilliseconds(value);
    private static SimTime Us(double value) => SimTime.FromMicroseconds(value);
}
