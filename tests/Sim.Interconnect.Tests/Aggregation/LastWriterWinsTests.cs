using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>SCP-firmware base behaviour: the last LEVEL_SET wins, and with two agents that loses a need.</summary>
public sealed class LastWriterWinsTests
{
    [Fact]
    public void With_two_agents_the_later_low_request_wins_and_the_first_agents_need_is_lost()
    {
        var policy = new LastWriterWins(Table);
        Assert.Equal(VoteVerdict.Accepted, policy.Accept(Us(0), new BandwidthVote("A", 5 * GB, 5 * GB)).Verdict);
        Assert.Equal(3, policy.Decide(Us(0)).Level);
        Assert.Equal(VoteVerdict.Accepted, policy.Accept(Us(10), new LevelVote("B", 1)).Verdict);

        int level = policy.Decide(Us(10)).Level;

        Assert.Equal(1, level);
        Assert.True(Table[level].BytesPerSecond < 5 * GB, "A still needs 5 GB/s but the bus gives it 2 GB/s");
    }

    [Fact]
    public void The_same_two_votes_keep_As_need_under_max_of_levels_and_the_interconnect_policy()
    {
        foreach (IAggregationPolicy policy in new IAggregationPolicy[] { new MaxOfLevels(Table), new IccAggregation(Table) })
        {
            policy.Accept(Us(0), new BandwidthVote("A", 5 * GB, 5 * GB));
            policy.Accept(Us(10), new LevelVote("B", 1));
            Assert.Equal(3, policy.Decide(Us(10)).Level);
        }
    }

    [Fact]
    public void A_level_outside_the_limits_is_refused_out_of_range_and_the_level_stays()
    {
        var policy = new LastWriterWins(Table);
        policy.Accept(Us(0), new LevelVote("A", 2));
        policy.Accept(Us(1), new LimitsVote("A", 1, 3));

        var outcome = policy.Accept(Us(2), new LevelVote("B", 4));

        Assert.Equal(VoteVerdict.Refused, outcome.Verdict);
        Assert.Equal(ScmiStatus.OutOfRange, outcome.Status);
        Assert.Contains("outside the limits 1..3", outcome.Reason);
        Assert.Equal(2, policy.Decide(Us(2)).Level);
        Assert.Equal(new AgentVoteCounts(0, 0, 1), policy.Counters.For("B"));
    }

    [Fact]
    public void Any_agents_limits_replace_the_domains_and_pull_the_level_into_range()
    {
        var policy = new LastWriterWins(Table);
        policy.Accept(Us(0), new LimitsVote("A", 2, 4));
        Assert.Equal(2, policy.Decide(Us(0)).Level); // pulled up from 0
        policy.Accept(Us(1), new LevelVote("A", 4));
        policy.Accept(Us(2), new LimitsVote("B", 0, 1));

        Assert.Equal((0, 1), policy.Limits);          // B's limits replaced A's: no per-agent state
        Assert.Equal(1, policy.Decide(Us(2)).Level);  // pulled down from 4
    }

    [Fact]
    public void A_departure_changes_nothing_because_nothing_of_the_agent_is_kept()
    {
        var policy = new LastWriterWins(Table);
        policy.Accept(Us(0), new LevelVote("A", 3));
        Assert.True(policy.Accept(Us(1), new AgentLeft("A")).Taken);
        Assert.Equal(3, policy.Decide(SimTime.FromMilliseconds(1)).Level);
    }
}
