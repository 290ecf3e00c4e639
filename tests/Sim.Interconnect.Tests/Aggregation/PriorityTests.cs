using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>A designated safety VM's demand is met whatever the wrapped policy does to the others (or to it).</summary>
public sealed class PriorityTests
{
    private static PerAgentCaps CapEveryoneAtLevel1() =>
        new(new MaxOfLevels(Table), new Dictionary<string, AgentCap>(), everyoneElse: AgentCap.AtLevel(1));

    [Fact]
    public void Priority_keeps_the_safety_agents_level_when_every_agent_is_capped()
    {
        var policy = new Priority(CapEveryoneAtLevel1(), "safety");
        policy.Accept(Us(0), new BandwidthVote("greedy", 8 * GB, 8 * GB));
        var outcome = policy.Accept(Us(0), new BandwidthVote("safety", 5 * GB, 5 * GB));

        Assert.Equal(VoteOutcome.Accepted, outcome);   // answered SUCCESS although the cap clipped it inside
        Assert.Equal(3, policy.Need);
        Assert.Equal(3, policy.Decide(Us(0)).Level);   // the caps alone would give level 1
        Assert.Equal(new AgentVoteCounts(0, 1, 0), policy.Inner.Counters.For("safety"));
    }

    [Fact]
    public void Without_priority_the_same_caps_starve_the_safety_agent()
    {
        var policy = CapEveryoneAtLevel1();
        policy.Accept(Us(0), new BandwidthVote("safety", 5 * GB, 5 * GB));
        Assert.Equal(1, policy.Decide(Us(0)).Level);
    }

    [Fact]
    public void Another_agents_low_maximum_limit_cannot_pull_the_level_below_the_safety_agents_need()
    {
        var policy = new Priority(new MaxOfLevels(Table), "safety");
        policy.Accept(Us(0), new LevelVote("safety", 2));
        policy.Accept(Us(1), new LimitsVote("other", 0, 0));
        Assert.Equal(2, policy.Decide(Us(1)).Level);
    }

    [Fact]
    public void The_safety_agents_need_ends_when_it_leaves_and_its_limits_minimum_is_a_floor()
    {
        var policy = new Priority(new MaxOfLevels(Table), "safety");
        policy.Accept(Us(0), new LimitsVote("safety", 3, 4));
        Assert.Equal(3, policy.Need);
        policy.Accept(Us(1), new AgentLeft("safety"));
        Assert.Equal(0, policy.Need);
        Assert.Equal(0, policy.Decide(Us(1)).Level);
    }

    [Fact]
    public void Other_agents_answers_are_the_wrapped_policys()
    {
        var policy = new Priority(CapEveryoneAtLevel1(), "safety");
        Assert.Equal(VoteVerdict.Clipped, policy.Accept(Us(0), new LevelVote("other", 4)).Verdict);
        Assert.Equal(new AgentVoteCounts(0, 1, 0), policy.Counters.For("other"));
    }

    [Fact]
    public void The_guarantee_is_the_safety_agents_demand_and_goes_when_it_leaves()
    {
        var policy = new Priority(CapEveryoneAtLevel1(), "safety");
        Assert.Equal(0, policy.Guarantee);
        policy.Accept(Us(0), new BandwidthVote("other", 7 * GB, 7 * GB));
        Assert.Equal(0, policy.Guarantee);
        policy.Accept(Us(1), new BandwidthVote("safety", 0.5 * GB, 0.6 * GB));
        Assert.Equal(0.6 * GB, policy.Guarantee);
        policy.Accept(Us(2), new LimitsVote("safety", 2, 4));
        Assert.Equal(4 * GB, policy.Guarantee);           // the floor's level bandwidth is more than the demand
        policy.Accept(Us(3), new AgentLeft("safety"));
        Assert.Equal(0, policy.Guarantee);
    }

    [Fact]
    public void A_fixed_level_ignores_every_vote()
    {
        var top = new FixedLevel(Table);
        Assert.Equal(Table.Top, top.Level);
        Assert.Equal(VoteOutcome.Accepted, top.Accept(Us(0), new BandwidthVote("vm1", 1 * GB, 1 * GB)));
        Assert.Equal(Table.Top, top.Decide(Us(0)).Level);
        var two = new FixedLevel(Table, 2);
        two.Accept(Us(1), new LevelVote("vm1", 4));
        Assert.Equal(2, two.Decide(Us(1)).Level);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedLevel(Table, 5));
    }
}
