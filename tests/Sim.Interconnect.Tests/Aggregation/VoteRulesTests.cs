using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>Every policy refuses malformed votes with the SCMI status DEN0056 gives them, and counts the refusal.</summary>
public sealed class VoteRulesTests
{
    public static TheoryData<string> Policies => ["icc", "max", "lww", "caps", "priority", "hysteresis", "rate", "votes"];

    private static IAggregationPolicy Make(string name) => name switch
    {
        "icc" => new IccAggregation(Table),
        "max" => new MaxOfLevels(Table),
        "lww" => new LastWriterWins(Table),
        "caps" => new PerAgentCaps(new MaxOfLevels(Table), new Dictionary<string, AgentCap>(), AgentCap.AtLevel(1)),
        "priority" => new Priority(new MaxOfLevels(Table), "vm"),
        "hysteresis" => new Hysteresis(new MaxOfLevels(Table), Us(100)),
        "rate" => new RateLimit(new MaxOfLevels(Table), Us(100)),
        _ => new VoteRateLimit(new MaxOfLevels(Table), 1, Us(100)),
    };

    [Theory, MemberData(nameof(Policies))]
    public void A_level_not_in_the_table_is_out_of_range(string name)
    {
        var policy = Make(name);
        var outcome = policy.Accept(Us(0), new LevelVote("vm", 5));
        Assert.Equal(VoteOutcome.Refused(ScmiStatus.OutOfRange, "vm: level 5 is not in the table (0..4)"), outcome);
        Assert.Equal(VoteVerdict.Refused, policy.Accept(Us(0), new LevelVote("vm", -1)).Verdict);
        Assert.Equal(new AgentVoteCounts(0, 0, 2), policy.Counters.For("vm"));
        Assert.Equal(0, policy.Decide(Us(0)).Level);
    }

    [Theory, MemberData(nameof(Policies))]
    public void Limits_with_the_minimum_above_the_maximum_are_invalid_parameters(string name)
    {
        var outcome = Make(name).Accept(Us(0), new LimitsVote("vm", 3, 1));
        Assert.Equal(ScmiStatus.InvalidParameters, outcome.Status);
        Assert.Contains("minimum level 3 is above maximum 1", outcome.Reason);
    }

    [Theory, MemberData(nameof(Policies))]
    public void A_negative_or_infinite_bandwidth_is_invalid_parameters(string name)
    {
        var policy = Make(name);
        Assert.Equal(ScmiStatus.InvalidParameters, policy.Accept(Us(0), new BandwidthVote("vm", -1, GB)).Status);
        Assert.Equal(ScmiStatus.InvalidParameters, policy.Accept(Us(0), new BandwidthVote("vm", GB, double.PositiveInfinity)).Status);
        Assert.Equal(ScmiStatus.InvalidParameters, policy.Accept(Us(0), new BandwidthVote("vm", double.NaN, GB)).Status);
        Assert.Equal(ScmiStatus.InvalidParameters, policy.Accept(Us(0), new BandwidthVote("", GB, GB)).Status);
        Assert.Equal(0, policy.Decide(Us(0)).Level);
    }

    [Theory, MemberData(nameof(Policies))]
    public void Time_running_backwards_is_an_error_naming_both_times(string name)
    {
        var policy = Make(name);
        policy.Decide(Us(10));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Accept(Us(5), new LevelVote("vm", 1)));
        Assert.Contains("time went backwards from 10us to 5us", error.Message);
    }

    [Fact]
    public void The_interconnect_policy_does_not_support_limits()
    {
        var outcome = new IccAggregation(Table).Accept(Us(0), new LimitsVote("vm", 0, 1));
        Assert.Equal(ScmiStatus.NotSupported, outcome.Status);
    }

    [Fact]
    public void Counters_count_decisions_and_level_changes()
    {
        var policy = new MaxOfLevels(Table);
        policy.Decide(Us(0));
        policy.Accept(Us(1), new LevelVote("vm", 2));
        policy.Decide(Us(1));
        policy.Decide(Us(2));
        policy.Accept(Us(3), new AgentLeft("vm"));
        policy.Decide(Us(3));
        Assert.Equal((4L, 2L, 0), (policy.Counters.Decisions, policy.Counters.LevelChanges, policy.Counters.LastLevel));
    }
}
