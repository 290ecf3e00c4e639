using FsCheck;
using FsCheck.Fluent;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Tests.Shared;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>No agent's contribution exceeds its cap, and the level never exceeds what the capped demand needs.</summary>
public sealed class PerAgentCapsPropertyTests
{
    private static readonly Gen<AgentCap?> Cap = Gen.Frequency(
        (1, Gen.Constant<AgentCap?>(null)),
        (2, Gen.Choose(0, Bus.Table.Top).Select(l => (AgentCap?)AgentCap.AtLevel(l))),
        (2, Gen.Choose(0, 40).Select(q => (AgentCap?)AgentCap.AtBandwidth(q * 0.25e9))),
        (1, Gen.Choose(0, 40).SelectMany(q => Gen.Choose(0, Bus.Table.Top), (q, l) => (AgentCap?)new AgentCap(q * 0.25e9, l))));

    /// <summary>A cap (or none) for each of vm0..vm3, and the votes.</summary>
    internal sealed record CapCase(AgentCap?[] Caps, VoteProgram Program)
    {
        public override string ToString() => $"caps [{string.Join(", ", Caps.Select(c => c?.ToString() ?? "none"))}], {Program}";
    }

    private static readonly Arbitrary<CapCase> Cases = Arb.From(
        from caps in Gen.ArrayOf(Cap, VoteProgram.Agents)
        from program in VoteProgram.Arbitrary.Generator
        select new CapCase(caps, program),
        c => c.Program.Shrink().Select(p => c with { Program = p }));

    private static Dictionary<string, AgentCap> CapsOf(AgentCap?[] caps) =>
        caps.Select((cap, i) => (cap, agent: $"vm{i}")).Where(x => x.cap is not null).ToDictionary(x => x.agent, x => x.cap!);

    /// <summary>The reference cap (bandwidth, level), computed here from the rule in the PerAgentCaps doc.</summary>
    private static (double Bandwidth, int Level) Reference(AgentCap? cap) => cap is null
        ? (double.PositiveInfinity, Bus.Table.Top)
        : (Math.Min(cap.MaxBytesPerSecond ?? double.PositiveInfinity, cap.MaxLevel is { } l ? Bus.Table[l].BytesPerSecond : double.PositiveInfinity),
           Math.Min(cap.MaxLevel ?? Bus.Table.Top, cap.MaxBytesPerSecond is { } b ? Bus.LowestMeeting(b) : Bus.Table.Top));

    [Fact]
    public void Under_the_interconnect_policy_no_forwarded_vote_exceeds_its_cap_and_the_level_is_what_the_capped_demand_needs()
    {
        var property = Prop.ForAll(Cases, c =>
        {
            var spy = new Recording(new IccAggregation(Bus.Table));
            var policy = new PerAgentCaps(spy, CapsOf(c.Caps));
            var capped = new Dictionary<string, (double Avg, double Peak)>();
            foreach (var (at, vote) in c.Program.Votes)
            {
                var (bandwidth, level) = Reference(c.Caps[vote.Agent[2] - '0']);
                var outcome = policy.Accept(at, vote);
                if (outcome.Taken)
                {
                    switch (spy.Votes[^1].Vote)
                    {
                        case BandwidthVote b when b.AverageBytesPerSecond > bandwidth || b.PeakBytesPerSecond > bandwidth: return false;
                        case LevelVote l when l.Level > level: return false;
                        case BandwidthVote b: capped[b.Agent] = (b.AverageBytesPerSecond, b.PeakBytesPerSecond); break;
                        case LevelVote l: capped[l.Agent] = (0, Bus.Table[l.Level].BytesPerSecond); break;
                        case AgentLeft left: capped.Remove(left.Agent); break;
                    }
                    bool wasClipped = spy.Votes[^1].Vote != vote;
                    if (wasClipped != (outcome.Verdict == VoteVerdict.Clipped)) return false;
                }
                double need = Math.Max(capped.Values.Sum(r => r.Avg), capped.Count == 0 ? 0 : capped.Values.Max(r => r.Peak));
                if (policy.Decide(at).Level > Bus.LowestMeeting(need)) return false;
            }
            return c.Caps.Select((cap, i) => (cap, i)).All(x => x.cap is not null || policy.Counters.For($"vm{x.i}").Clipped == 0);
        });
        Check.One(PropertyRuns.Config(400), property);
    }

    [Fact]
    public void Under_max_of_levels_the_level_never_exceeds_the_highest_cap_of_an_agent_with_a_say()
    {
        var property = Prop.ForAll(Cases, c =>
        {
            var policy = new PerAgentCaps(new MaxOfLevels(Bus.Table), CapsOf(c.Caps));
            var voted = new HashSet<string>();
            foreach (var (at, vote) in c.Program.Votes)
            {
                if (policy.Accept(at, vote).Taken)
                {
                    if (vote is AgentLeft) voted.Remove(vote.Agent);
                    else voted.Add(vote.Agent);
                }
                int bound = voted.Select(a => Reference(c.Caps[a[2] - '0']).Level).DefaultIfEmpty(0).Max();
                if (policy.Decide(at).Level > bound) return false;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(400), property);
    }
}
