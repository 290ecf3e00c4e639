using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// Wiring that cannot be half done: an actor checks in <c>OnStart</c> that the world builder set what it sends to, and
/// one that was not wired stops the run at time zero naming the actor and the missing wiring, before any message.
/// </summary>
public sealed class WiringTests
{
    private static readonly RunLimits OneMicrosecond = new(SimTime.FromMicroseconds(1), SimTime.Zero);

    private sealed class Tick;

    /// <summary>Forwards ticks to <see cref="Next"/>, which it requires; sends its first at 1 ns.</summary>
    private sealed class Relay : Actor
    {
        public ActorRef Next { get; set; }

        public object? Route { get; set; }

        public bool NeedsRoute { get; init; }

        protected override void OnStart()
        {
            RequireWired(Next);
            if (NeedsRoute) RequireWired(Route);
            SetTimer(this, new Tick(), SimTime.Parse("1ns"));
        }

        protected override void Receive(object message, ActorRef sender)
        {
            if (message is Tick) Send(Next, message);
            else Unhandled(message);
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
    public void An_actor_started_without_its_downstream_stops_the_run_at_time_zero_naming_it()
    {
        var simulation = new Simulation(1);
        simulation.Add("path/relay", new Relay());

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("path/relay", failure.Actor);
        Assert.Equal(SimTime.Zero, failure.Time);
        Assert.Equal(ActorFailedException.Starting, failure.MessageType);
        var wiring = Assert.IsType<ActorNotWiredException>(failure.InnerException);
        Assert.Equal("Next", wiring.Wiring);
        Assert.Equal("actor 'path/relay' failed at 0s in OnStart: its Next was never set by the world builder (a model bug)", failure.Message);
        Assert.Equal(0, simulation.EventsDelivered);
    }

    [Fact]
    public void A_missing_collaborator_object_is_named_as_well()
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink());
        simulation.Add("relay", new Relay { Next = sink.Ref, NeedsRoute = true });

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("Route", Assert.IsType<ActorNotWiredException>(failure.InnerException).Wiring);
    }

    [Fact]
    public void A_wired_actor_runs()
    {
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink());
        simulation.Add("relay", new Relay { Next = sink.Ref, NeedsRoute = true, Route = new object() });

        simulation.Run(OneMicrosecond);

        Assert.Equal(1, sink.Ticks);
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
