using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Tests.Aggregation.Adversaries;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>Per-VM caps contain the greedy VM and count every clip.</summary>
public sealed class PerAgentCapsTests
{
    private static readonly SimTime End = SimTime.FromMilliseconds(10);

    private static IReadOnlyList<TimedVote> GreedyAndDisplay() => VoteScript.Merge(
        [new SteadyVoter("display", 3 * GB, 3 * GB, Us(0)), new Greedy("greedy", Table, Us(50), Us(1000))], End);

    [Fact]
    public void Caps_contain_the_greedy_agent_under_max_of_levels_and_count_its_clipped_votes()
    {
        var policy = new PerAgentCaps(new MaxOfLevels(Table), new Dictionary<string, AgentCap> { ["greedy"] = AgentCap.AtLevel(1) });

        var result = AggregationReplay.Run(policy, GreedyAndDisplay(), End);

        Assert.Equal(2, result.MaxLevel); // the display's own need (3 GB/s), not the top
        Assert.Equal(new AgentVoteCounts(0, 10, 0), policy.Counters.For("greedy"));
        Assert.Equal(new AgentVoteCounts(1, 0, 0), policy.Counters.For("display"));
        Assert.All(result.Answers.Where(a => a.Vote.Agent == "greedy"), a => Assert.Contains("cap of 2000000000 B/s, level 1", a.Outcome.Reason));
    }

    [Fact]
    public void A_bandwidth_cap_contains_the_greedy_agent_under_the_interconnect_sum()
    {
        var policy = new PerAgentCaps(new IccAggregation(Table), new Dictionary<string, AgentCap>(), everyoneElse: AgentCap.AtBandwidth(2 * GB));

        var result = AggregationReplay.Run(policy, GreedyAndDisplay(), End);

        // display 3 GB/s and greedy 8 GB/s are both clipped to 2 GB/s: 4 GB/s of average needs level 2, not the top.
        Assert.Equal([new LevelStep(Us(0), 1), new LevelStep(Us(50), 2)], result.Steps);
        var icc = (IccAggregation)policy.Inner;
        Assert.Equal(4 * GB, icc.AverageSum);
        Assert.Equal(2 * GB, icc.PeakMax);
    }

    [Fact]
    public void Without_caps_the_greedy_agent_takes_the_top()
    {
        Assert.Equal(Table.Top, AggregationReplay.Run(new MaxOfLevels(Table), GreedyAndDisplay(), End).MaxLevel);
    }

    [Fact]
    public void A_limits_vote_keeps_its_maximum_but_its_minimum_is_clipped_to_the_cap()
    {
        var spy = new Recording(new MaxOfLevels(Table));
        var policy = new PerAgentCaps(spy, new Dictionary<string, AgentCap> { ["vm"] = AgentCap.AtLevel(1) });

        Assert.Equal(VoteVerdict.Clipped, policy.Accept(Us(0), new LimitsVote("vm", 4, 4)).Verdict);

        Assert.Equal(new LimitsVote("vm", 1, 4), spy.Votes.Single().Vote);
        Assert.Equal(1, policy.Decide(Us(0)).Level);
    }

    [Fact]
    public void A_vote_under_the_cap_is_accepted_as_it_is()
    {
        var policy = new PerAgentCaps(new IccAggregation(Table), new Dictionary<string, AgentCap> { ["vm"] = AgentCap.AtBandwidth(4 * GB) });
        Assert.Equal(VoteOutcome.Accepted, policy.Accept(Us(0), new BandwidthVote("vm", 4 * GB, 4 * GB)));
        Assert.Equal(2, policy.Decide(Us(0)).Level);
    }

    [Fact]
    public void A_cap_outside_the_table_is_refused_naming_the_agent()
    {
        var error = Assert.Throws<ArgumentException>(() => new PerAgentCaps(new MaxOfLevels(Table), new Dictionary<string, AgentCap> { ["vm7"] = AgentCap.AtLevel(9) }));
        Assert.Contains("vm7: cap level 9 is not in the table (0..4)", error.Message);
    }
}
