using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Tests.Aggregation.Adversaries;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Tests.Shared;
using static Sim.Interconnect.Tests.Aggregation.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>Time quotas: an agent's demand above its baseline is honoured for at most its budget per window.</summary>
public sealed class QuotaTests
{
    private static SimTime Ms(double ms) => SimTime.FromMilliseconds(ms);

    [Fact]
    public void A_greedy_agent_gets_the_top_for_its_budget_then_its_baseline_until_the_window_ends()
    {
        var policy = new Quota(new MaxOfLevels(Table), new Dictionary<string, AgentQuota> { ["greedy"] = new(1, Ms(2), Ms(10)) });

        var result = AggregationReplay.Run(policy, new Greedy("greedy", Table, SimTime.Zero).Votes(Ms(15)), Ms(15));

        Assert.Equal([new LevelStep(Ms(0), 4), new LevelStep(Ms(2), 1), new LevelStep(Ms(10), 4), new LevelStep(Ms(12), 1)], result.Steps);
        Assert.Equal(2, policy.Exhaustions);
    }

    [Fact]
    public void Votes_after_the_budget_is_spent_are_clipped_to_the_baseline_and_leaving_does_not_refill_it()
    {
        var policy = new Quota(new MaxOfLevels(Table), new Dictionary<string, AgentQuota> { ["vm"] = new(1, Ms(1), Ms(10)) });
        policy.Accept(Ms(0), new LevelVote("vm", 3));
        policy.Decide(Ms(0));
        Assert.Equal(1, policy.Decide(Ms(1)).Level);
        Assert.True(policy.IsExhausted("vm"));

        policy.Accept(Ms(2), new AgentLeft("vm"));
        var outcome = policy.Accept(Ms(3), new LevelVote("vm", 4));

        Assert.Equal(VoteVerdict.Clipped, outcome.Verdict);
        Assert.Contains("quota of 1ms above level 1 per 10ms spent", outcome.Reason);
        Assert.Equal(new LevelDecision(1, Ms(10)), policy.Decide(Ms(3)));
        Assert.Equal(4, policy.Decide(Ms(10)).Level);
    }

    [Fact]
    public void An_agent_back_at_its_baseline_stops_spending_its_budget()
    {
        var policy = new Quota(new MaxOfLevels(Table), new Dictionary<string, AgentQuota> { ["vm"] = new(1, Ms(2), Ms(10)) });
        TimedVote[] votes = [new(Ms(0), new LevelVote("vm", 3)), new(Ms(1), new LevelVote("vm", 0)), new(Ms(5), new LevelVote("vm", 3))];

        var result = AggregationReplay.Run(policy, votes, Ms(10));

        Assert.Equal([new LevelStep(Ms(0), 3), new LevelStep(Ms(1), 0), new LevelStep(Ms(5), 3), new LevelStep(Ms(6), 1)], result.Steps);
    }

    [Fact]
    public void A_quota_with_a_budget_longer_than_its_window_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Quota(new MaxOfLevels(Table), new Dictionary<string, AgentQuota> { ["vm"] = new(1, Ms(3), Ms(2)) }));
        Assert.Contains("vm: need 0 <= budget <= window", error.Message);
    }

    internal sealed record QuotaCase(AgentQuota?[] Quotas, VoteProgram Program)
    {
        public override string ToString() => $"quotas [{string.Join(", ", Quotas.Select(q => q?.ToString() ?? "none"))}], {Program}";
    }

    private static readonly Gen<AgentQuota?> QuotaGen = Gen.Frequency(
        (1, Gen.Constant<AgentQuota?>(null)),
        (4, from baseline in Gen.Choose(0, Table.Top - 1)
            from window in Gen.Elements(1000, 2000, 5000)
            from percent in Gen.Choose(0, 100)
            select (AgentQuota?)new AgentQuota(baseline, Us(window * percent / 100), Us(window))));

    private static readonly Arbitrary<QuotaCase> Cases = Arb.From(
        from quotas in Gen.ArrayOf(QuotaGen, VoteProgram.Agents)
        from program in VoteProgram.Arbitrary.Generator
        select new QuotaCase(quotas, program),
        c => c.Program.Shrink().Select(p => c with { Program = p }));

    [Fact]
    public void No_agent_is_honoured_above_its_baseline_for_longer_than_its_budget_in_any_window()
    {
        var property = Prop.ForAll(Cases, c =>
        {
            var quotas = c.Quotas.Select((q, i) => (q, agent: $"vm{i}")).Where(x => x.q is not null).ToDictionary(x => x.agent, x => x.q!);
            var spy = new Recording(new MaxOfLevels(Table));
            SimTime end = (c.Program.Votes.Length == 0 ? SimTime.Zero : c.Program.Votes[^1].At) + Ms(12);
            AggregationReplay.Run(new Quota(spy, quotas), c.Program.Votes, end);
            foreach (var (agent, quota) in quotas)
            {
                // The agent's honoured demand level over time, from what the wrapped policy actually took.
                var changes = new List<(SimTime At, int Level)>();
                int demand = 0, floor = 0;
                foreach (var (at, vote, outcome) in spy.Votes.Where(v => v.Vote.Agent == agent && v.Outcome.Taken))
                {
                    switch (vote)
                    {
                        case BandwidthVote b: demand = LowestMeeting(b.Demand); break;
                        case LevelVote l: demand = l.Level; break;
                        case LimitsVote m: floor = m.MinLevel; break;
                        case AgentLeft: demand = 0; floor = 0; break;
                    }
                    changes.Add((at, Math.Max(demand, floor)));
                }
                long window = quota.Window.Picoseconds;
                var over = new Dictionary<long, long>(); // window index -> picoseconds above baseline
                for (int i = 0; i < changes.Count; i++)
                {
                    if (changes[i].Level <= quota.BaselineLevel) continue;
                    long from = changes[i].At.Picoseconds, to = i + 1 < changes.Count ? changes[i + 1].At.Picoseconds : end.Picoseconds;
                    for (long start = from; start < to;)
                    {
                        long k = start / window, stop = Math.Min(to, (k + 1) * window);
                        over[k] = over.GetValueOrDefault(k) + (stop - start);
                        start = stop;
                    }
                }
                if (over.Values.Any(ps => ps > quota.Budget.Picoseconds)) return false;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(300), property);
    }
}
