using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net.Host;

namespace Sim.Devices.Tests.Net.Host;

/// <summary>
/// The host path cannot be half wired: every sender, the link and every stage require where their frames go
/// (<c>Next</c>), and the link and stages where flow feedback goes (<c>Feedback</c>, <see cref="FlowFeedback.None"/>
/// when no flow listens); one left unset stops the run at time zero naming the actor and what is missing, where frames
/// used to vanish without a word.
/// </summary>
public sealed class HostPathWiringTests
{
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);
    private static readonly HostStageCosts StageCosts = new(SimTime.FromNanoseconds(500), SimTime.FromNanoseconds(200), SimTime.Zero);

    /// <summary>Each host-path actor, wired except for the one thing named.</summary>
    public static TheoryData<string, string> Unwired() => new()
    {
        { "sample", "Next" },
        { "bulk", "Next" },
        { "tcp", "Next" },
        { "link", "Next" },
        { "link", "Feedback" },
        { "stage", "Next" },
        { "stage", "Feedback" },
    };

    [Theory]
    [MemberData(nameof(Unwired))]
    public void An_actor_of_the_host_path_left_unwired_stops_the_run_at_time_zero_naming_it(string kind, string missing)
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("host2/app", new LatencySink()).Ref;
        ActorRef next = missing == "Next" ? ActorRef.None : sink;
        FlowFeedback? feedback = missing == "Feedback" ? null : FlowFeedback.None;
        string path = "host1/" + kind;
        switch (kind)
        {
            case "sample": simulation.Add(path, new TimedSender(SimTime.FromMicroseconds(10), 128, SimTime.FromMicroseconds(2))).Next = next; break;
            case "bulk": simulation.Add(path, new BulkFlowSource(1, 1514, 1e8)).Next = next; break;
            case "tcp": simulation.Add(path, new TcpFlowSource(1, 1514, 1e8, new TcpFlowParameters(4, 64, 1, 0.5))).Next = next; break;
            case "link": simulation.Add(path, new EthernetLink(312_500_000, SimTime.FromMicroseconds(1), 100) { Next = next, Feedback = feedback }); break;
            default: simulation.Add(path, new HostStage(StageCosts, 100) { Next = next, Feedback = feedback }); break;
        }

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMillisecond));

        Assert.Equal(path, failure.Actor);
        Assert.Equal(SimTime.Zero, failure.Time);
        Assert.Equal(ActorFailedException.Starting, failure.MessageType);
        Assert.Equal(missing, Assert.IsType<ActorNotWiredException>(failure.InnerException).Wiring);
        Assert.Contains($"its {missing} was never set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_wired_end_to_end_with_no_listening_flow_delivers_every_frame()
    {
        var simulation = new Simulation(1);
        var app = simulation.Add("host2/app", new LatencySink());
        var stage = simulation.Add("host2/nic", new HostStage(StageCosts, 100) { Next = app.Ref, Feedback = FlowFeedback.None, AcknowledgesDelivery = true });
        var link = simulation.Add("host1/link", new EthernetLink(312_500_000, SimTime.FromMicroseconds(1), 100) { Next = stage.Ref, Feedback = FlowFeedback.None });
        simulation.Add("host1/sample", new TimedSender(SimTime.FromMicroseconds(10), 128, SimTime.FromMicroseconds(2))).Next = link.Ref;
        simulation.Add("host1/netperf1", new BulkFlowSource(1, 1514, 1e8)).Next = link.Ref;

        simulation.Run(OneMillisecond);

        long sent = Count(simulation, "host1/sample/sent") + Count(simulation, "host1/netperf1/sent");
        long received = Count(simulation, "host2/app/rxPackets");
        Assert.True(sent > 100, $"only {sent} frames sent");
        Assert.InRange(sent - received, 0, 3);   // at most the frames still on their way at the end
        Assert.Equal(0, Count(simulation, "host1/link/dropped") + Count(simulation, "host2/nic/dropped"));
    }

    private static long Count(Simulation simulation, string path) => ((Counter)simulation.Metrics.Find(path)!).Value;
}
