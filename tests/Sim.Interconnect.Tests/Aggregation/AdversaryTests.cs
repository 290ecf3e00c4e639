using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Tests.Aggregation.Adversaries;
using Sim.Interconnect.Aggregation.Policies;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>The adversary VMs, and which policies contain them.</summary>
public sealed class AdversaryTests
{
    private static readonly SimTime End = SimTime.FromMilliseconds(20);

    private static Flooder Flood(ulong seed) => new("flooder", Us(0), Us(10), 0.5, 0, 8 * GB, seed);

    [Fact]
    public void The_under_reporter_gets_a_level_too_low_for_what_it_uses()
    {
        var liar = new UnderReporter("liar", 5 * GB, 6 * GB, 0.5, Us(0));
        var policy = new IccAggregation(Table);

        var result = AggregationReplay.Run(policy, liar.Votes(End), End);

        Assert.Equal(new BandwidthVote("liar", 2.5 * GB, 3 * GB), policy.Requests["liar"]);
        int level = result.LevelAt(End);
        Assert.Equal(2, level);
        Assert.True(Table[level].BytesPerSecond < liar.ActualAverageBytesPerSecond, $"level {level} gives {Table[level].BytesPerSecond} B/s for 5 GB/s of real traffic");
        Assert.Equal(3, Bus.LowestMeeting(6 * GB)); // what its real use would have needed
    }

    [Fact]
    public void The_flooder_is_the_same_flood_for_the_same_seed_and_another_for_another_seed()
    {
        var first = Flood(42).Votes(End).ToList();
        Assert.Equal(first, Flood(42).Votes(End).ToList());
        Assert.NotEqual(first, Flood(43).Votes(End).ToList());
        Assert.InRange(first.Count, 1500, 2500); // one every 10 us +/- 50 % over 20 ms
        Assert.All(first.Zip(first.Skip(1)), p => Assert.InRange((p.Second.At - p.First.At).Picoseconds, Us(5).Picoseconds, Us(15).Picoseconds));
    }

    [Fact]
    public void Vote_rate_limiting_refuses_the_flood_with_busy_and_still_takes_the_honest_agents_votes()
    {
        var policy = new VoteRateLimit(new MaxOfLevels(Table), burst: 4, refill: Us(1000));
        var votes = VoteScript.Merge([Flood(7), new SteadyVoter("display", 3 * GB, 3 * GB, Us(5), Us(2000))], End);

        var result = AggregationReplay.Run(policy, votes, End);

        var flood = policy.Counters.For("flooder");
        Assert.Equal(4 + 19, flood.Accepted);              // the burst, then one per refill in the remaining 19 ms
        Assert.True(flood.Refused > 1900, $"refused {flood.Refused}");
        Assert.All(result.Answers.Where(a => a.Outcome.Verdict == VoteVerdict.Refused), a => Assert.Equal(ScmiStatus.Busy, a.Outcome.Status));
        Assert.Equal(new AgentVoteCounts(10, 0, 0), policy.Counters.For("display"));
        Assert.Equal(4 + 19 + 10, policy.Inner.Counters.Total.Total); // the wrapped policy never saw the refused flood
    }

    [Fact]
    public void Level_rate_limiting_bounds_the_level_changes_a_flood_causes()
    {
        var votes = Flood(7).Votes(End).ToList();
        var free = AggregationReplay.Run(new MaxOfLevels(Table), votes, End);
        var limited = AggregationReplay.Run(new RateLimit(new MaxOfLevels(Table), Us(1000)), votes, End);

        Assert.True(free.Steps.Count > 1000, $"unlimited: {free.Steps.Count} levels set");
        Assert.InRange(limited.Steps.Count, 10, 21); // at most one change per ms over 20 ms, plus the first
    }

    [Fact]
    public void The_greedy_agent_always_votes_the_top_levels_bandwidth()
    {
        var votes = new Greedy("greedy", Table, Us(0), Us(5000)).Votes(End).ToList();
        Assert.Equal([Us(0), Us(5000), Us(10000), Us(15000)], votes.Select(v => v.At));
        Assert.All(votes, v => Assert.Equal(new BandwidthVote("greedy", 8 * GB, 8 * GB), v.Vote));
    }

    [Fact]
    public void Merged_votes_are_in_time_order_with_ties_in_source_order()
    {
        var merged = VoteScript.Merge([new SteadyVoter("b", GB, GB, Us(10)), new SteadyVoter("a", GB, GB, Us(0), Us(10))], Us(25));
        Assert.Equal(["a@0", "b@10000000", "a@10000000", "a@20000000"], merged.Select(v => $"{v.Vote.Agent}@{v.At.Picoseconds}"));
    }
}
