using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Worlds.Queueing;

namespace Sim.Scenarios.Tests.Queueing;

/// <summary>
/// A queueing network cannot be half wired: a source and a server take their routes in their constructors, and a
/// route to a node reserved but never added stops the run before time zero naming it; a sink has nothing downstream by
/// design.
/// </summary>
public sealed class QueueingWiringTests
{
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);
    private static readonly ExponentialDelay TenMicroseconds = new(SimTime.FromMicroseconds(10));

    [Fact]
    public void A_route_to_a_node_never_added_stops_the_run_before_time_zero_naming_it()
    {
        var simulation = new Simulation(1);
        simulation.Add("source", new JobSource(TenMicroseconds, limit: 0, To(simulation.Reserve("server"))));

        var failure = Assert.Throws<ReservedActorMissingException>(() => simulation.Run(OneMillisecond));

        Assert.Equal(["server"], failure.Paths);
    }

    [Fact]
    public void A_node_cannot_be_built_without_its_routes()
    {
        Assert.Throws<ArgumentNullException>(() => new JobSource(TenMicroseconds, limit: null, null!));
        Assert.Throws<ArgumentNullException>(() => new JobServer(TenMicroseconds, null!));
    }

    [Fact]
    public void A_wired_network_runs_to_its_sink()
    {
        var simulation = new Simulation(1);
        simulation.Add("source", new JobSource(TenMicroseconds, limit: 20, To(simulation.Reserve("server"))));
        simulation.Add("server", new JobServer(new ExponentialDelay(SimTime.FromMicroseconds(5)), To(simulation.Reserve("sink"))));
        simulation.Add("sink", new JobSink());

        simulation.Run(OneMillisecond);

        Assert.Equal(20, ((Counter)simulation.Metrics.Find("sink/received")!).Value);
    }

    private static RouteTable To(ActorRef target) => new([(target, 1.0)]);
}
