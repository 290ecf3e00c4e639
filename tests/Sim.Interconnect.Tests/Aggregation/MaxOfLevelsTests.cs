using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Tests.Aggregation.Adversaries;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>SCP-firmware plugins-handler style: level = max of requests, limits = max of mins and min of maxes.</summary>
public sealed class MaxOfLevelsTests
{
    [Fact]
    public void A_greedy_agent_drives_the_bus_to_the_top_level()
    {
        var votes = VoteScript.Merge([new SteadyVoter("display", 1.5 * GB, 1.5 * GB, Us(0)), new Greedy("greedy", Table, Us(100), Us(1000))], SimTime.FromMilliseconds(5));

        var result = AggregationReplay.Run(new MaxOfLevels(Table), votes, SimTime.FromMilliseconds(5));

        Assert.Equal([new LevelStep(Us(0), 1), new LevelStep(Us(100), Table.Top)], result.Steps);
    }

    [Fact]
    public void The_level_is_the_highest_request_clamped_into_the_max_of_minimums_and_min_of_maximums()
    {
        var policy = new MaxOfLevels(Table);
        policy.Accept(Us(0), new LevelVote("a", 1));
        policy.Accept(Us(0), new BandwidthVote("b", 0.5 * GB, 3 * GB)); // needs level 2
        Assert.Equal(2, policy.Decide(Us(0)).Level);

        policy.Accept(Us(1), new LimitsVote("a", 0, 3));
        policy.Accept(Us(1), new LimitsVote("c", 3, 4));
        Assert.Equal((3, 3), policy.CombinedLimits);
        Assert.Equal(3, policy.Decide(Us(1)).Level);

        policy.Accept(Us(2), new AgentLeft("c"));
        Assert.Equal((0, 3), policy.CombinedLimits);
        Assert.Equal(2, policy.Decide(Us(2)).Level);
    }

    [Fact]
    public void Limits_that_leave_the_other_agents_no_level_are_denied()
    {
        var policy = new MaxOfLevels(Table);
        policy.Accept(Us(0), new LimitsVote("a", 3, 4));

        var outcome = policy.Accept(Us(1), new LimitsVote("b", 0, 1));

        Assert.Equal(ScmiStatus.Denied, outcome.Status);
        Assert.Contains("would be 3..1", outcome.Reason);
        Assert.Equal((3, 4), policy.CombinedLimits);
        Assert.True(policy.Accept(Us(2), new LimitsVote("a", 0, 1)).Taken); // an agent may replace its own limits
    }
}
