using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// An unknown message is a model bug, never dropped: a handler ends in <c>Unhandled</c>, and the run stops with an
/// <see cref="ActorFailedException"/> naming the actor, the simulated time and the message type; a busy resource names
/// the message it was serving, even when that message waited in its queue.
/// </summary>
public sealed class UnknownMessageTests
{
    private static readonly RunLimits OneMicrosecond = new(SimTime.FromMicroseconds(1), SimTime.Zero);

    private sealed class Ping;

    private sealed class Stranger;

    /// <summary>Knows <see cref="Ping"/> only.</summary>
    private sealed class Pinger : Actor
    {
        public int Pings { get; private set; }

        protected override void Receive(object message, ActorRef sender)
        {
            switch (message)
            {
                case Ping: Pings++; break;
                default: Unhandled(message); break;
            }
        }
    }

    /// <summary>Serves <see cref="Ping"/> for 10 ns; knows nothing else.</summary>
    private sealed class PingServer : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            if (message is not Ping) Unhandled(message);
            Spend(SimTime.Parse("10ns"));
        }
    }

    [Fact]
    public void An_unknown_message_stops_the_run_naming_actor_time_and_message_type()
    {
        var simulation = new Simulation(1);
        var pinger = simulation.Add("rack/pinger", new Pinger());
        simulation.Schedule(pinger.Ref, new Ping(), SimTime.Parse("1ns"));
        simulation.Schedule(pinger.Ref, new Stranger(), SimTime.Parse("7ns"));
        simulation.Schedule(pinger.Ref, new Ping(), SimTime.Parse("9ns"));

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("rack/pinger", failure.Actor);
        Assert.Equal(SimTime.Parse("7ns"), failure.Time);
        Assert.Equal(nameof(Stranger), failure.MessageType);
        var unknown = Assert.IsType<UnknownMessageException>(failure.InnerException);
        Assert.Equal("rack/pinger", unknown.Actor);
        Assert.Equal(nameof(Stranger), unknown.MessageType);
        Assert.Equal("actor 'rack/pinger' got a message it does not handle at 7ns: Stranger (an unknown message is a model bug, never dropped)", failure.Message);
        Assert.Equal(1, pinger.Pings);
    }

    [Fact]
    public void A_busy_resource_names_the_unknown_message_when_its_turn_comes_not_the_delivery_that_started_it()
    {
        var simulation = new Simulation(1);
        var server = simulation.Add("server", new PingServer());
        simulation.Schedule(server.Ref, new Ping(), SimTime.Zero);
        simulation.Schedule(server.Ref, new Stranger(), SimTime.Parse("3ns"));   // waits behind the ping until 10 ns

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("server", failure.Actor);
        Assert.Equal(SimTime.Parse("10ns"), failure.Time);
        Assert.Equal(nameof(Stranger), failure.MessageType);
        Assert.IsType<UnknownMessageException>(failure.InnerException);
    }

    [Fact]
    public void A_resource_on_a_shared_thread_names_the_unknown_message_too()
    {
        var simulation = new Simulation(1);
        var thread = simulation.Add("thread", new SharedThread());
        var server = simulation.Add("server", new PingServer());
        server.RunOn(thread.Ref);
        simulation.Schedule(server.Ref, new Stranger(), SimTime.Parse("2ns"));

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("server", failure.Actor);
        Assert.Equal(SimTime.Parse("2ns"), failure.Time);
        Assert.Equal(nameof(Stranger), failure.MessageType);
    }

    [Fact]
    public void Any_other_failure_of_a_queued_message_is_named_after_that_message_as_well()
    {
        var simulation = new Simulation(1);
        var failing = simulation.Add("server", new ThrowingServer());
        simulation.Schedule(failing.Ref, "first", SimTime.Zero);
        simulation.Schedule(failing.Ref, 42, SimTime.Parse("1ns"));

        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(OneMicrosecond));

        Assert.Equal("Int32", failure.MessageType);
        Assert.Equal(SimTime.Parse("5ns"), failure.Time);
        Assert.Contains("no numbers", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Serves strings for 5 ns and fails on anything else with an error of its own.</summary>
    private sealed class ThrowingServer : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            if (message is not string) throw new InvalidOperationException("no numbers");
            Spend(SimTime.Parse("5ns"));
        }
    }
}
