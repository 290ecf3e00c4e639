using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Platform.Network;

namespace Sim.Platform.Tests.Network;

/// <summary>
/// A host stage on a host thread (<see cref="HostStage.RunOnCpu"/>): its per-packet work is CPU work of that thread
/// (<see cref="CpuCores"/>), so its wake-up is the scheduler's (no exponential draw) and stages that share a thread
/// share its core: one softirq context running two stages can do only what the sum of their costs allows.
/// </summary>
public sealed class HostStageOnCoresTests
{
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);
    private static readonly SimTime Stack = SimTime.FromMicroseconds(2);

    [Fact]
    public void A_stage_alone_on_its_core_adds_its_work_and_hand_off_and_draws_no_wake_up()
    {
        var costs = new HostStageCosts(SimTime.FromNanoseconds(700), SimTime.FromMicroseconds(3), WakeupMean: SimTime.FromMicroseconds(50));
        var simulation = new Simulation(7);
        var cpus = simulation.Add("host/cpus", new CpuCores(1, FairSchedulerSettings.Linux(1) with { ContextSwitch = SimTime.FromMicroseconds(1) },
            [new CpuThreadSpec("softirq")]));
        var app = simulation.Add("host2/app", new LatencySink());
        var stage = simulation.Add("host2/nic", new HostStage(costs, 100, app.Ref, FlowFeedback.None));
        stage.RunOnCpu(cpus.Ref, 0);
        simulation.Add("host1/sample", new TimedSender(SimTime.FromMicroseconds(20), 128, Stack, stage.Ref));

        simulation.Run(OneMillisecond);

        var latency = (LatencyHistogram)simulation.Metrics.Find("host2/app/rxLatency")!;
        var expected = Stack + costs.PerPacket + costs.Latency;   // one thread, never switched away from: no switch cost
        Assert.True(latency.Count >= 45, $"only {latency.Count} frames");
        Assert.Equal(expected.Picoseconds, latency.Histogram.Min);
        Assert.Equal(expected.Picoseconds, latency.Histogram.Max);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Two_stages_on_one_thread_share_its_core_and_fall_behind_where_two_threads_keep_up(bool sharedThread, bool keepsUp)
    {
        // 1 Mpps offered; each stage needs 0.6 us a frame: 1.2 us on one thread, 0.6 us on each of two.
        var costs = new HostStageCosts(SimTime.FromNanoseconds(600), SimTime.Zero, SimTime.Zero);
        var simulation = new Simulation(11);
        CpuThreadSpec[] threads = sharedThread ? [new("softirq")] : [new("softirq", Affinity: [0]), new("vhost", Affinity: [1])];
        var cpus = simulation.Add("host/cpus", new CpuCores(2, FairSchedulerSettings.Linux(2), threads));
        var app = simulation.Add("host2/app", new LatencySink());
        var second = simulation.Add("host2/tap", new HostStage(costs, 50, app.Ref, FlowFeedback.None));
        var first = simulation.Add("host2/nic", new HostStage(costs, 50, second.Ref, FlowFeedback.None));
        first.RunOnCpu(cpus.Ref, 0);
        second.RunOnCpu(cpus.Ref, sharedThread ? 0 : 1);
        simulation.Add("host1/netperf1", new BulkFlowSource(1, 1514, 1514e6, first.Ref));

        simulation.Run(new RunLimits(SimTime.FromMilliseconds(2), SimTime.Zero));

        long dropped = Count(simulation, "host2/nic/dropped") + Count(simulation, "host2/tap/dropped");
        long served = Count(simulation, "host2/nic/served") + Count(simulation, "host2/tap/served");
        long pieces = Count(simulation, "host/cpus/softirq/pieces") + (sharedThread ? 0 : Count(simulation, "host/cpus/vhost/pieces"));
        Assert.InRange(served - pieces, 0, 2);   // every frame served is a piece of CPU work, but those in service at the end
        if (keepsUp) Assert.Equal(0, dropped);
        else Assert.True(dropped > 100, $"a thread offered 1.2 us of work per 1 us dropped only {dropped} frames");   // ~330 more than it can do, 100 queued
    }

    private static long Count(Simulation simulation, string path) => ((Counter)simulation.Metrics.Find(path)!).Value;
}
