using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Platform.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Interconnect.Bus;
using static Sim.Platform.Tests.Scmi.BusVotes;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Platform.Tests.Scmi;

/// <summary>
/// The platform in a small simulation with a <see cref="BusActor"/> and two test VMs (agents 1 and 2). The platform
/// spends 10 µs per message, answers and notifies 5 µs later, and reaches the bus's power controller 20 µs later; the
/// bus then takes the target level's transition latency (10 / 50 / 100 µs) to get there.
/// </summary>
public sealed class ScmiPlatformActorTests
{
    private static readonly SimTime Cost = SimTime.Parse("10us");
    private static readonly SimTime Channel = SimTime.Parse("5us");
    private static readonly SimTime Control = SimTime.Parse("20us");

    private sealed record Rig(Simulation Simulation, BusActor Bus, ScmiPlatformActor Platform, ScmiTestAgent Vm1, ScmiTestAgent Vm2)
    {
        public double Metric(string name, string value) =>
            Simulation.Metrics.Find("platform/" + name)!.Summarize(Simulation.Now).Get(value);
    }

    private static Rig Run(IAggregationPolicy policy, (SimTime, byte[])[] vm1, (SimTime, byte[])[] vm2)
    {
        var simulation = new Simulation(1);
        var bus = simulation.Add("bus", new BusActor(Table, initialLevel: 0, seriesCapacity: 100));
        var platform = simulation.Add("platform", new ScmiPlatformActor(policy, bus.Ref, Cost, Channel, Control));
        var a = simulation.Add("vm1/scmi", new ScmiTestAgent(1, platform.Ref, vm1));
        var b = simulation.Add("vm2/scmi", new ScmiTestAgent(2, platform.Ref, vm2));
        simulation.Run(new RunLimits(Ms(10), SimTime.Zero));
        return new Rig(simulation, bus, platform, a, b);
    }

    private static LevelPoint At(double ms, int level) => new(Ms(ms), level);

    [Fact]
    public void Icc_sums_the_averages_sets_the_bus_level_and_notifies_only_the_subscribed_agent()
    {
        var rig = Run(new IccAggregation(Table),
            [(Ms(0), SubscribeLevel(1)), (Ms(1), Average(1_500_000, 2))],
            [(Ms(2), Average(1_000_000, 7)), (Ms(3), Average(0, 8))]);

        // Answered 10 µs (processing) + 5 µs (channel) after sending, SUCCESS, with the request's token.
        Assert.Equal([(Ms(0.015), (ushort)1, ScmiStatus.Success), (Ms(1.015), (ushort)2, ScmiStatus.Success)], rig.Vm1.Responses);
        Assert.Equal([(Ms(2.015), (ushort)7, ScmiStatus.Success), (Ms(3.015), (ushort)8, ScmiStatus.Success)], rig.Vm2.Responses);

        // 1.5 GB/s -> level 1 (2 GB/s); 1.5 + 1 = 2.5 GB/s -> level 2 (4 GB/s); back to 1.5 GB/s -> level 1. Each takes
        // force 10 + 20 µs after the vote plus the target's transition latency.
        Assert.Equal([At(0, 0), At(1.08, 1), At(2.13, 2), At(3.08, 1)], rig.Bus.Series!.Levels);

        // Only vm1 subscribed; each notification names the agent whose vote changed the level and the level in kB/s.
        Assert.Equal(
            [(Ms(1.015), new PerfLevelChangedNotification(1, 0, 2_000_000)),
             (Ms(2.015), new PerfLevelChangedNotification(2, 0, 4_000_000)),
             (Ms(3.015), new PerfLevelChangedNotification(2, 0, 2_000_000))], rig.Vm1.Notifications);
        Assert.Empty(rig.Vm2.Notifications);

        Assert.Equal(4, rig.Metric("messages", "count"));
        Assert.Equal(3, rig.Metric("votes/accepted", "count"));
        Assert.Equal(0, rig.Metric("votes/refused", "count"));
        Assert.Equal(3, rig.Metric("level_changes", "count"));
        Assert.Equal(1, rig.Metric("level", "last"));
        Assert.Equal(2, rig.Metric("level", "max"));
    }

    [Fact]
    public void With_last_writer_wins_a_later_smaller_vote_overwrites_the_other_agents_need()
    {
        (SimTime, byte[])[] vm1 = [(Ms(1), Average(3_000_000, 1))];
        (SimTime, byte[])[] vm2 = [(Ms(2), Average(500_000, 1))];

        var lastWriter = Run(new LastWriterWins(Table), vm1, vm2);
        var icc = Run(new IccAggregation(Table), vm1, vm2);

        // vm1 needs 3 GB/s on average; vm2's 0.5 GB/s at 2 ms drops the bus to 1 GB/s under last writer wins, while icc
        // keeps 3.5 GB/s worth (4 GB/s).
        Assert.Equal([At(0, 0), At(1.13, 2), At(2.04, 0)], lastWriter.Bus.Series!.Levels);
        Assert.Equal(1e9, lastWriter.Bus.Levels.InForce.BytesPerSecond);
        Assert.Equal([At(0, 0), At(1.13, 2)], icc.Bus.Series!.Levels);
        Assert.All([lastWriter, icc], rig => Assert.Equal(ScmiStatus.Success, Assert.Single(rig.Vm2.Responses).Status));
    }

    [Fact]
    public void A_change_rate_limit_defers_is_applied_when_the_policy_asked_to_be_asked_again()
    {
        var rateLimit = new RateLimit(new IccAggregation(Table), Ms(1));
        var rig = Run(rateLimit,
            [(Ms(0), SubscribeLevel(1)), (Ms(0.5), Average(1_500_000, 2))],
            [(Ms(1), Average(1_000_000, 3))]);

        // 0.5 ms: level 1 at once (the first change is free). 1 ms: level 2 is wanted but deferred to 1.5 ms, one interval
        // after the first change; the timer fires then and the platform spends 10 µs, then 20 µs to the bus, then 100 µs.
        Assert.Equal([At(0, 0), At(0.58, 1), At(1.63, 2)], rig.Bus.Series!.Levels);
        Assert.Equal(1, rateLimit.Deferred);
        Assert.Equal([(Ms(1.015), (ushort)3, ScmiStatus.Success)], rig.Vm2.Responses);
        // The deferred change is the platform's own: agent_id 0.
        Assert.Equal(
            [(Ms(0.515), new PerfLevelChangedNotification(1, 0, 2_000_000)),
             (Ms(1.515), new PerfLevelChangedNotification(0, 0, 4_000_000))], rig.Vm1.Notifications);
        Assert.Null(rig.Platform.Arbiter.AskAgainAt);
        Assert.Equal(2, rig.Platform.Arbiter.Level);
        Assert.Equal(2, rig.Metric("level_changes", "count"));
        Assert.Equal(3, rig.Metric("messages", "count"));
    }

    [Fact]
    public void A_value_above_the_top_is_out_of_range_and_a_capped_peak_is_clipped_and_counted()
    {
        var caps = new PerAgentCaps(new IccAggregation(Table), new Dictionary<string, AgentCap> { ["vm1"] = AgentCap.AtBandwidth(1.5e9) });
        var rig = Run(caps, [(Ms(1), Average(4_000_001, 4)), (Ms(2), Peak(2_500_000, 5))], []);

        Assert.Equal([(Ms(1.015), (ushort)4, ScmiStatus.OutOfRange), (Ms(2.015), (ushort)5, ScmiStatus.Success)], rig.Vm1.Responses);
        // The out-of-range value never reaches the policy; the 2.5 GB/s peak is clipped to vm1's 1.5 GB/s cap: level 1.
        Assert.Equal([At(0, 0), At(2.08, 1)], rig.Bus.Series!.Levels);
        Assert.Equal(new AgentNeed(0, 2_500_000), rig.Platform.Arbiter.NeedOf(1));
        Assert.Equal((0.0, 1.0, 0.0), (rig.Metric("votes/accepted", "count"), rig.Metric("votes/clipped", "count"), rig.Metric("votes/refused", "count")));
        Assert.Equal(2, rig.Metric("messages", "count"));
    }
}
