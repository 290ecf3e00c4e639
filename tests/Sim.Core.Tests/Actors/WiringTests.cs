using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// Wiring by construction: an actor takes what it sends to in its constructor; a ref to an actor not yet built comes
/// from <see cref="Simulation.Reserve"/>, and a world with a path reserved and never added does not start, naming every
/// such path. Metrics made in a constructor live under the actor's path once it is added.
/// </summary>
public sealed class WiringTests
{
    private static readonly RunLimits OneMicrosecond = new(SimTime.FromMicroseconds(1), SimTime.Zero);

    private sealed class Tick;

    /// <summary>Forwards ticks to <paramref name="next"/>; sends its first at 1 ns; counts what it forwards.</summary>
    private sealed class Relay : Actor
    {
        private readonly ActorRef _next;
        private readonly Counter _forwarded;

        public Relay(ActorRef next)
        {
            _next = next;
            _forwarded = NewCounter("forwarded");
        }

        public Counter Forwarded => _forwarded;

        protected override void OnStart() => SetTimer(this, new Tick(), SimTime.Parse("1ns"));

        protected override void Receive(object message, ActorRef sender)
        {
            if (message is not Tick) Unhandled(message);
            _forwarded.Increment();
            Send(_next, message);
        }
    }

    private sealed class Sink : Actor
    {
        public int Ticks { get; private set; }

        protected override void Receive(object message, ActorRef sender)
        {
            if (message is Tick) Ticks++;
            else Unhandled(message);
        }
    }

    [Fact]
    public void A_ref_reserved_before_the_actor_is_added_reaches_it()
    {
        var simulation = new Simulation(1);
        var reserved = simulation.Reserve("sink");
        simulation.Add("relay", new Relay(reserved));
        var sink = simulation.Add("sink", new Sink());

        simulation.Run(OneMicrosecond);

        Assert.Equal(1, sink.Ticks);
        Assert.Equal(sink.Ref, reserved);
        Assert.Equal(reserved, simulation.Reserve("sink"));
        Assert.Equal("sink", reserved.Id.Path);
    }

    [Fact]
    public void Reserving_an_added_path_gives_its_actor()
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink());

        Assert.Equal(sink.Ref, simulation.Reserve("sink"));
    }

    [Fact]
    public void A_world_with_reserved_paths_never_added_does_not_start_and_names_them_all()
    {
        var simulation = new Simulation(1);
        simulation.Add("b/relay", new Relay(simulation.Reserve("b/sink")));
        simulation.Add("a/relay", new Relay(simulation.Reserve("a/sink")));

        var failure = Assert.Throws<ReservedActorMissingException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal(["a/sink", "b/sink"], failure.Paths);
        Assert.Equal("actors reserved but never added (a model bug): 'a/sink', 'b/sink'", failure.Message);
        Assert.Equal(0, simulation.EventsDelivered);
    }

    [Fact]
    public void Metrics_made_in_the_constructor_are_registered_under_the_actor_path_when_it_is_added()
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink());
        var relay = new Relay(sink.Ref);
        Assert.Null(simulation.Metrics.Find("path/relay/forwarded"));

        simulation.Add("path/relay", relay);
        simulation.Run(OneMicrosecond);

        Assert.Same(relay.Forwarded, simulation.Metrics.Find("path/relay/forwarded"));
        Assert.Equal(1, relay.Forwarded.Value);
    }

    [Fact]
    public void Any_failure_in_on_start_or_on_run_end_names_the_actor_and_the_phase()
    {
        var simulation = new Simulation(1);
        simulation.Add("ender", new FailsAtTheEnd());

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("ender", failure.Actor);
        Assert.Equal(ActorFailedException.Ending, failure.MessageType);
        Assert.Equal(SimTime.FromMicroseconds(1), failure.Time);
        Assert.Equal("actor 'ender' failed at 1us in OnRunEnd: the end", failure.Message);
    }

    private sealed class FailsAtTheEnd : Actor
    {
        protected override void OnRunEnd() => throw new InvalidOperationException("the end");

        protected override void Receive(object message, ActorRef sender) => Unhandled(message);
    }
}
