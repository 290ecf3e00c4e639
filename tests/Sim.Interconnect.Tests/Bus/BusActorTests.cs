using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>The bus as an actor in a small simulation: requesters send transfers and are told when they are done.</summary>
public sealed class BusActorTests
{
    /// <summary>Sends its messages to the bus at given times and records the answers with the time they arrived.</summary>
    private sealed class Requester(ActorRef bus, params (SimTime At, object Message)[] plan) : Actor
    {
        public List<(SimTime At, BusTransferDone Done)> Answers { get; } = new();

        protected override void OnStart()
        {
            foreach (var (at, message) in plan) Send(bus, message is BusTransfer t ? t with { ReplyTo = Self } : message, at);
        }

        protected override void Receive(object message, ActorRef sender) => Answers.Add((Now, (BusTransferDone)message));
    }

    private static readonly RunLimits TenMilliseconds = new(SimTime.Parse("10ms"), SimTime.Zero);

    private static double Summary(Simulation simulation, string path, string value) =>
        simulation.Metrics.Find(path)!.Summarize(simulation.Now).Get(value);

    [Fact]
    public void Two_requesters_share_the_bus_and_are_answered_at_their_completion_times()
    {
        var simulation = new Simulation(1);
        var bus = simulation.Add("bus", new BusActor(BusLevelControllerTests.Table, initialLevel: 0));
        // Both use id 1: the bus tells requesters apart.
        var a = simulation.Add("vm0/dev", new Requester(bus.Ref, (SimTime.Zero, new BusTransfer(1, 1_000_000, "vm0", ActorRef.None))));
        var b = simulation.Add("vm1/dev", new Requester(bus.Ref,
            (SimTime.Zero, new BusTransfer(1, 3_000_000, "vm1", ActorRef.None)),
            (SimTime.Parse("5ms"), new BusTransfer(2, 100_000, "vm1", ActorRef.None, RateCap: 1e8))));
        simulation.Run(TenMilliseconds);

        Assert.Equal([(SimTime.Parse("2ms"), new BusTransferDone(1, 1_000_000, SimTime.Zero))], a.Answers);
        Assert.Equal(
            [(SimTime.Parse("4ms"), new BusTransferDone(1, 3_000_000, SimTime.Zero)),
             (SimTime.Parse("6ms"), new BusTransferDone(2, 100_000, SimTime.Parse("5ms")))], b.Answers);

        Assert.Equal(1_000_000, Summary(simulation, "bus/bytes/vm0", "count"));
        Assert.Equal(3_100_000, Summary(simulation, "bus/bytes/vm1", "count"));
        Assert.Equal(3, Summary(simulation, "bus/transfers", "count"));
        Assert.Equal(3, Summary(simulation, "bus/transfer_latency", "count"));
        Assert.Equal(4e-3, Summary(simulation, "bus/transfer_latency", "max"), 4);
        // Full for 4 ms, 10 % for 1 ms, of 10 ms.
        Assert.Equal((4 + 0.1) / 10, Summary(simulation, "bus/utilization", "mean"), 12);
        Assert.Equal(2, Summary(simulation, "bus/active_transfers", "max"));
    }

    [Fact]
    public void A_level_change_mid_transfer_speeds_it_up_after_the_transition_and_is_recorded()
    {
        var simulation = new Simulation(1);
        var bus = simulation.Add("bus", new BusActor(BusLevelControllerTests.Table, initialLevel: 0, seriesCapacity: 100));
        var vm = simulation.Add("vm0/dev", new Requester(bus.Ref, (SimTime.Zero, new BusTransfer(7, 3_000_000, "vm0", ActorRef.None))));
        simulation.Schedule(bus.Ref, new BusSetLevel(1), SimTime.Parse("1ms"));
        simulation.Run(TenMilliseconds);

        // Level 1 (2 GB/s) takes force at 1.05 ms: 1.05 MB moved, 1.95 MB left at 2 GB/s, done at 2.025 ms.
        Assert.Equal([(SimTime.Parse("2.025ms"), new BusTransferDone(7, 3_000_000, SimTime.Zero))], vm.Answers);
        Assert.Equal(1, Summary(simulation, "bus/transitions", "count"));
        Assert.Equal(1, Summary(simulation, "bus/level", "last"));
        Assert.Equal((0.5 * 1.05 + 1.5 * 8.95) / 10, Summary(simulation, "bus/power", "mean"), 12);
        // Exact energy up to the bus's last event (2.025 ms); the energy metric integrates the power to the end of the run.
        Assert.Equal(0.5 * 1.05e-3 + 1.5 * 0.975e-3, bus.Levels.EnergyJoules, 15);
        Assert.Equal(0.5 * 1.05e-3 + 1.5 * 8.95e-3, Summary(simulation, "bus/energy", "total"), 12);
        Assert.Equal(1.5, Summary(simulation, "bus/energy", "rate"));

        var series = bus.Series!;
        Assert.Equal([new LevelPoint(SimTime.Zero, 0), new LevelPoint(SimTime.Parse("1.05ms"), 1)], series.Levels);
        Assert.Equal(
            [new OwnerRatePoint(SimTime.Zero, "vm0", 1e9), new OwnerRatePoint(SimTime.Parse("1.05ms"), "vm0", 2e9),
             new OwnerRatePoint(SimTime.Parse("2.025ms"), "vm0", 0)], series.OwnerRates);
        Assert.False(series.Truncated);
    }

    [Fact]
    public void A_full_series_drops_later_points_and_says_so()
    {
        var series = new BusSeries(2);
        series.AddLevel(SimTime.Zero, 0);
        series.AddLevel(SimTime.Parse("1us"), 1);
        series.AddLevel(SimTime.Parse("2us"), 2);
        Assert.Equal(2, series.Levels.Count);
        Assert.True(series.Truncated);
    }
}
