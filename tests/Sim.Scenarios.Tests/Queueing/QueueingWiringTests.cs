using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Worlds.Queueing;

namespace Sim.Scenarios.Tests.Queueing;

/// <summary>
/// A queueing network cannot be half wired: a source or a server without its routes stops the run at time zero naming
/// it (it used to fail only when its first job left, or never, for a source that had not yet sent one); a sink has
/// nothing downstream by design.
/// </summary>
public sealed class QueueingWiringTests
{
    private static readonly RunLimits OneMillisecond = new(SimTime.FromMilliseconds(1), SimTime.Zero);
    private static readonly ExponentialDelay TenMicroseconds = new(SimTime.FromMicroseconds(10));

    [Theory]
    [InlineData("source")]
    [InlineData("server")]
    public void A_node_without_its_routes_stops_the_run_at_time_zero_naming_it(string unwired)
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new JobSink());
        var server = simulation.Add("server", new JobServer(TenMicroseconds));
        var source = simulation.Add("source", new JobSource(TenMicroseconds, limit: null));
        if (unwired != "server") server.Routes = To(sink.Ref);
        if (unwired != "source") source.Routes = To(server.Ref);

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMillisecond));

        Assert.Equal(unwired, failure.Actor);
        Assert.Equal(SimTime.Zero, failure.Time);
        Assert.Equal(ActorFailedException.Starting, failure.MessageType);
        Assert.Equal("Routes", Assert.IsType<ActorNotWiredException>(failure.InnerException).Wiring);
    }

    [Fact]
    public void A_source_that_never_sends_still_needs_its_routes()
    {
        var simulation = new Simulation(1);
        simulation.Add("source", new JobSource(TenMicroseconds, limit: 0));

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMillisecond));

        Assert.Equal("source", failure.Actor);
    }

    [Fact]
    public void A_wired_network_runs_to_its_sink()
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new JobSink());
        var server = simulation.Add("server", new JobServer(new ExponentialDelay(SimTime.FromMicroseconds(5))));
        var source = simulation.Add("source", new JobSource(TenMicroseconds, limit: 20));
        server.Routes = To(sink.Ref);
        source.Routes = To(server.Ref);

        simulation.Run(OneMillisecond);

        Assert.Equal(20, ((Counter)simulation.Metrics.Find("sink/received")!).Value);
    }

    private static RouteTable To(ActorRef target) => new([(target, 1.0)]);
}
