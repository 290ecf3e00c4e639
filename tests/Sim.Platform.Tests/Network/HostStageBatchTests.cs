using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;

namespace Sim.Platform.Tests.Network;

/// <summary>
/// A batching stage (<see cref="HostStage.Batch"/>: a NAPI poll's budget, a PMD's rx burst) takes up to its batch of
/// waiting frames as one stretch of work and hands them on together at its end: a frame that finds others waiting
/// leaves with the last of its batch, a frame alone leaves after its own work.
/// </summary>
public sealed class HostStageBatchTests
{
    private static readonly SimTime PerPacket = SimTime.FromMicroseconds(1);
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);

    private static (Simulation Simulation, HostStage Stage) World(int batch)
    {
        var simulation = new Simulation(3);
        var app = simulation.Add("host2/app", new LatencySink());
        var stage = simulation.Add("host2/nic", new HostStage(new HostStageCosts(PerPacket, SimTime.Zero, SimTime.Zero), 100, app.Ref, FlowFeedback.None) { Batch = batch });
        return (simulation, stage);
    }

    private static void Arrive(Simulation simulation, HostStage stage, long sequence, SimTime at) =>
        simulation.Schedule(stage.Ref, new NetFrame(64, at, sequence), at);

    private static LogLinearHistogram Latencies(Simulation simulation) => ((LatencyHistogram)simulation.Metrics.Find("host2/app/rxLatency")!).Histogram;

    [Fact]
    public void Frames_waiting_together_leave_together_after_their_batch_and_a_lone_frame_after_its_own_work()
    {
        var (simulation, stage) = World(batch: 4);
        Arrive(simulation, stage, 1, SimTime.Zero);                       // alone: served at once, leaves at 1 us
        for (int i = 0; i < 4; i++) Arrive(simulation, stage, 2 + i, SimTime.FromNanoseconds(500));   // wait for it, then one batch of 4
        Arrive(simulation, stage, 9, SimTime.FromMicroseconds(100));     // alone again

        simulation.Run(OneMillisecond);

        var latencies = Latencies(simulation);
        Assert.Equal(6, latencies.Count);
        Assert.Equal(PerPacket.Picoseconds, latencies.Min);                // the lone frames
        // The four waited 0.5 us for the first frame's work to end (at 1 us), then 4 us of work: they leave at 5 us.
        Assert.Equal(SimTime.FromNanoseconds(4_500).Picoseconds, latencies.Max);
        Assert.Equal(6, ((Counter)simulation.Metrics.Find("host2/nic/served")!).Value);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 2)]
    [InlineData(64, 2)]
    public void On_a_host_thread_a_batch_is_one_piece_of_work(int batch, int pieces)
    {
        var (simulation, stage) = World(batch);
        var cpus = simulation.Add("host/cpus", new CpuCores(1, FairSchedulerSettings.Linux(1), [new CpuThreadSpec("softirq")]));
        stage.RunOnCpu(cpus.Ref, 0);
        Arrive(simulation, stage, 1, SimTime.Zero);
        for (int i = 0; i < 4; i++) Arrive(simulation, stage, 2 + i, SimTime.FromNanoseconds(500));

        simulation.Run(OneMillisecond);

        Assert.Equal(5, Latencies(simulation).Count);
        Assert.Equal(pieces, ((Counter)simulation.Metrics.Find("host/cpus/softirq/pieces")!).Value);
        Assert.Equal(SimTime.FromMicroseconds(5).Picoseconds - SimTime.FromNanoseconds(500).Picoseconds, Latencies(simulation).Max);
    }
}
