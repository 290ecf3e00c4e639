using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>Level changes, their latency, and the energy of known level schedules.</summary>
public sealed class BusLevelControllerTests
{
    /// <summary>1, 2 and 4 GB/s at 0.5, 1.5 and 4 W; reaching them takes 10, 50 and 100 us.</summary>
    internal static readonly OppTable Table = new(
    [
        new OperatingPoint(1e9, 0.5, SimTime.Parse("10us")),
        new OperatingPoint(2e9, 1.5, SimTime.Parse("50us")),
        new OperatingPoint(4e9, 4.0, SimTime.Parse("100us")),
    ]);

    [Fact]
    public void The_old_level_stays_in_force_until_the_target_levels_transition_latency_has_passed()
    {
        var levels = new BusLevelController(Table, 0);
        levels.Request(SimTime.Parse("1ms"), 2);
        Assert.Equal((0, BusLevelState.Transitioning, (int?)2, (SimTime?)SimTime.Parse("1.1ms")), (levels.Level, levels.State, levels.Target, levels.TransitionEndsAt));
        Assert.False(levels.Advance(SimTime.Parse("1.099999999ms")));
        Assert.Equal(1e9, levels.InForce.BytesPerSecond);
        Assert.True(levels.Advance(SimTime.Parse("1.1ms")));
        Assert.Equal((2, BusLevelState.Steady, (int?)null, 1L), (levels.Level, levels.State, levels.Target, levels.Transitions));
        Assert.Equal(SimTime.Parse("1.1ms"), levels.LevelSince);
    }

    [Fact]
    public void Energy_and_time_per_level_of_a_known_schedule()
    {
        var levels = new BusLevelController(Table, 0);
        levels.Request(SimTime.Parse("1ms"), 2); // in force at 1.1 ms
        levels.Request(SimTime.Parse("3ms"), 0); // in force at 3.01 ms
        levels.Advance(SimTime.Parse("5ms"));
        // 0.5 W x 1.1 ms + 4 W x 1.91 ms + 0.5 W x 1.99 ms
        Assert.Equal(0.5 * 1.1e-3 + 4 * 1.91e-3 + 0.5 * 1.99e-3, levels.EnergyJoules, 15);
        Assert.Equal(SimTime.Parse("3.09ms"), levels.TimeAt(0));
        Assert.Equal(SimTime.Zero, levels.TimeAt(1));
        Assert.Equal(SimTime.Parse("1.91ms"), levels.TimeAt(2));
        Assert.Equal(2, levels.Transitions);
    }

    [Fact]
    public void A_request_during_a_transition_is_queued_and_the_latest_wins()
    {
        var levels = new BusLevelController(Table, 0);
        levels.Request(SimTime.Zero, 2);
        levels.Request(SimTime.Parse("10us"), 1);
        levels.Request(SimTime.Parse("20us"), 0);
        Assert.Equal(0, levels.Queued);
        Assert.True(levels.Advance(SimTime.Parse("100us")));
        // Level 2 took force at 100 us, and the queued request for level 0 began at once: 10 us more.
        Assert.Equal((2, (int?)0, (SimTime?)SimTime.Parse("110us"), (int?)null), (levels.Level, levels.Target, levels.TransitionEndsAt, levels.Queued));
        levels.Advance(SimTime.Parse("1ms"));
        Assert.Equal((0, 2L, SimTime.Zero), (levels.Level, levels.Transitions, levels.TimeAt(1)));
        Assert.Equal(SimTime.Parse("10us"), levels.TimeAt(2));
    }

    [Fact]
    public void Asking_again_for_the_transitions_target_drops_the_queued_request_and_asking_for_the_level_in_force_does_nothing()
    {
        var levels = new BusLevelController(Table, 1);
        levels.Request(SimTime.Zero, 1);
        Assert.Equal(BusLevelState.Steady, levels.State);
        levels.Request(SimTime.Zero, 2);
        levels.Request(SimTime.Parse("1us"), 0);
        levels.Request(SimTime.Parse("2us"), 2);
        Assert.Null(levels.Queued);
        levels.Advance(SimTime.Parse("1ms"));
        Assert.Equal((2, BusLevelState.Steady, 1L), (levels.Level, levels.State, levels.Transitions));
    }

    [Fact]
    public void A_level_with_no_transition_latency_takes_force_when_requested()
    {
        var table = new OppTable([new OperatingPoint(1e9, 1, SimTime.Zero), new OperatingPoint(2e9, 2, SimTime.Zero)]);
        var levels = new BusLevelController(table, 0);
        levels.Request(SimTime.Parse("1ms"), 1);
        Assert.Equal((1, BusLevelState.Steady, 1L), (levels.Level, levels.State, levels.Transitions));
        levels.Advance(SimTime.Parse("2ms"));
        Assert.Equal(1 * 1e-3 + 2 * 1e-3, levels.EnergyJoules, 15);
    }

    [Fact]
    public void A_level_outside_the_table_or_time_going_backwards_is_refused()
    {
        var levels = new BusLevelController(Table, 0);
        Assert.Contains("[0, 2]", Assert.Throws<ArgumentOutOfRangeException>(() => levels.Request(SimTime.Zero, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusLevelController(Table, -1));
        levels.Advance(SimTime.Parse("1us"));
        Assert.Contains("backwards", Assert.Throws<ArgumentException>(() => levels.Advance(SimTime.Zero)).Message);
    }

    [Fact]
    public void A_level_change_mid_transfer_takes_effect_on_the_flow_only_when_the_transition_ends()
    {
        // The composition the bus actor makes: capacity follows the level in force.
        var levels = new BusLevelController(Table, 0);
        var bus = new FluidBus(levels.InForce.BytesPerSecond);
        bus.Start(SimTime.Zero, 1, 3_000_000, "vm0");
        levels.Request(SimTime.Parse("1ms"), 1); // 2 GB/s from 1.05 ms
        Assert.True(levels.Advance(levels.TransitionEndsAt!.Value));
        bus.SetCapacity(levels.Now, levels.InForce.BytesPerSecond);
        // 1.05 MB moved at 1 GB/s; 1.95 MB left at 2 GB/s: 0.975 ms more.
        bus.Advance(SimTime.Parse("10ms"));
        Assert.True(bus.TryTakeEnded(out var done));
        Assert.Equal(SimTime.Parse("2.025ms"), done.EndedAt);
    }
}
