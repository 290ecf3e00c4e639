using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Platform.Network;

namespace Sim.Platform.Tests.Network;

/// <summary>
/// The host path cannot be half wired: every sender, the link and every stage take where their frames go, and the link
/// and stages where flow feedback goes (<see cref="FlowFeedback.None"/> when no flow listens), in their constructors;
/// a chain is built front to back with <see cref="Simulation.Reserve"/> for the stage not yet added, and a reserved
/// stage never added stops the run before time zero naming it.
/// </summary>
public sealed class HostPathWiringTests
{
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);
    private static readonly HostStageCosts StageCosts = new(SimTime.FromNanoseconds(500), SimTime.FromNanoseconds(200), SimTime.Zero);

    /// <summary>Each host-path actor.</summary>
    public static TheoryData<string> Kinds() => new() { "sample", "bulk", "tcp", "link", "stage" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_actor_of_the_host_path_cannot_be_built_without_where_its_frames_go(string kind)
    {
        Action build = kind switch
        {
            "sample" => () => _ = new TimedSender(SimTime.FromMicroseconds(10), 128, SimTime.FromMicroseconds(2), ActorRef.None),
            "bulk" => () => _ = new BulkFlowSource(1, 1514, 1e8, ActorRef.None),
            "tcp" => () => _ = new TcpFlowSource(1, 1514, 1e8, new TcpFlowParameters(4, 64, 1, 0.5), ActorRef.None),
            "link" => () => _ = new EthernetLink(312_500_000, SimTime.FromMicroseconds(1), 100, ActorRef.None, FlowFeedback.None),
            _ => () => _ = new HostStage(StageCosts, 100, ActorRef.None, FlowFeedback.None),
        };
        Assert.Equal("next", Assert.Throws<ArgumentException>(build).ParamName);
    }

    [Fact]
    public void A_stage_reserved_and_never_added_stops_the_run_before_time_zero_naming_it()
    {
        var simulation = new Simulation(1);
        simulation.Add("host1/link", new EthernetLink(312_500_000, SimTime.FromMicroseconds(1), 100, simulation.Reserve("host2/nic"), FlowFeedback.None));

        var failure = Assert.Throws<ReservedActorMissingException>(() => simulation.Run(OneMillisecond));

        Assert.Equal(["host2/nic"], failure.Paths);
        Assert.Contains("'host2/nic'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_wired_end_to_end_with_no_listening_flow_delivers_every_frame()
    {
        var simulation = new Simulation(1);
        var app = simulation.Add("host2/app", new LatencySink());
        var link = simulation.Add("host1/link", new EthernetLink(312_500_000, SimTime.FromMicroseconds(1), 100, simulation.Reserve("host2/nic"), FlowFeedback.None));
        simulation.Add("host2/nic", new HostStage(StageCosts, 100, app.Ref, FlowFeedback.None, acknowledgesDelivery: true));
        simulation.Add("host1/sample", new TimedSender(SimTime.FromMicroseconds(10), 128, SimTime.FromMicroseconds(2), link.Ref));
        simulation.Add("host1/netperf1", new BulkFlowSource(1, 1514, 1e8, link.Ref));

        simulation.Run(OneMillisecond);

        long sent = Count(simulation, "host1/sample/sent") + Count(simulation, "host1/netperf1/sent");
        long received = Count(simulation, "host2/app/rxPackets");
        Assert.True(sent > 100, $"only {sent} frames sent");
        Assert.InRange(sent - received, 0, 3);   // at most the frames still on their way at the end
        Assert.Equal(0, Count(simulation, "host1/link/dropped") + Count(simulation, "host2/nic/dropped"));
    }

    private static long Count(Simulation simulation, string path) => ((Counter)simulation.Metrics.Find(path)!).Value;
}
