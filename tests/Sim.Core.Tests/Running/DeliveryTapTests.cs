using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Running;

/// <summary>A delivery tap sees every delivered event, in delivery order, and watching does not change the run.</summary>
public sealed class DeliveryTapTests
{
    private sealed class Tap : IDeliveryTap
    {
        public List<(long Time, string? Sender, string Target, object Message)> Seen { get; } = [];

        public void OnDeliver(long time, Actor? sender, Actor target, object message) => Seen.Add((time, sender?.Id.Path, target.Id.Path, message));
    }

    private static (List<Delivery> Log, RunOutcome Outcome) Run(IDeliveryTap? tap)
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(9);
        RecordingActor? b = null;
        var a = simulation.Add("a", new RecordingActor(log, (self, message, _) =>
        {
            if (message is int n && n < 5) self.Tell(b!.Ref, n + 1, SimTime.FromNanoseconds(10 + self.Rng.NextUInt64() % 7));
        }));
        b = simulation.Add("b", new RecordingActor(log, (self, message, _) =>
        {
            if (message is int n) self.Tell(a.Ref, n + 1, SimTime.FromNanoseconds(3));
            if (message is int m && m == 3) self.Timer("t", "timer", SimTime.FromNanoseconds(1));
            if (message is int k && k == 4) self.Cancel("never");
        }));
        simulation.Schedule(a.Ref, 0, SimTime.FromNanoseconds(1));
        simulation.DeliveryTap = tap;
        return (log, simulation.Run(new RunLimits(SimTime.FromMicroseconds(1), SimTime.Zero, null)));
    }

    [Fact]
    public void The_tap_sees_every_delivery_in_order_and_the_run_is_unchanged()
    {
        var tap = new Tap();
        var (watched, outcome) = Run(tap);
        var (unwatched, plain) = Run(null);
        Assert.Equal(unwatched, watched);
        Assert.Equal(plain.Events, outcome.Events);
        Assert.Equal(watched.Count, tap.Seen.Count);
        Assert.Equal(watched.Select(d => (d.Time.Picoseconds, d.Target, d.Message)), tap.Seen.Select(s => (s.Time, s.Target, s.Message)));
        Assert.Null(tap.Seen[0].Sender); // the set-up event comes from the kernel
        Assert.Equal("b", tap.Seen.Single(s => Equals(s.Message, "timer")).Sender); // a timer is the actor's own
    }

    [Fact]
    public void The_tap_cannot_be_set_once_the_run_has_started()
    {
        var simulation = new Simulation(1);
        simulation.Run(new RunLimits(SimTime.FromNanoseconds(1), SimTime.Zero, null));
        Assert.Throws<InvalidOperationException>(() => simulation.DeliveryTap = new Tap());
    }
}
