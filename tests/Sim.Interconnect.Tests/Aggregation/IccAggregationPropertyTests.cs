using FsCheck;
using FsCheck.Fluent;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Tests.Shared;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>The interconnect policy agrees with a tiny reference model of icc_std_aggregate after every vote.</summary>
public sealed class IccAggregationPropertyTests
{
    [Fact]
    public void The_aggregate_is_the_sum_of_live_averages_and_max_of_live_peaks_at_the_lowest_level_meeting_both()
    {
        var property = Prop.ForAll(VoteProgram.Arbitrary, program =>
        {
            var policy = new IccAggregation(Bus.Table);
            var live = new Dictionary<string, (double Avg, double Peak)>(); // the model: each live agent's latest request
            foreach (var (at, vote) in program.Votes)
            {
                bool expectTaken = vote switch
                {
                    BandwidthVote b => b.AverageBytesPerSecond >= 0,
                    LevelVote l => l.Level >= 0 && l.Level < Bus.Table.Count,
                    LimitsVote => false,
                    _ => true,
                };
                var outcome = policy.Accept(at, vote);
                if (outcome.Taken != expectTaken) return false;
                if (expectTaken)
                {
                    switch (vote)
                    {
                        case BandwidthVote b: live[b.Agent] = (b.AverageBytesPerSecond, b.PeakBytesPerSecond); break;
                        case LevelVote l: live[l.Agent] = (0, Bus.Table[l.Level].BytesPerSecond); break;
                        case AgentLeft left: live.Remove(left.Agent); break;
                    }
                }
                double sum = live.Values.Sum(r => r.Avg);
                double peak = live.Count == 0 ? 0 : live.Values.Max(r => r.Peak);
                int level = policy.Decide(at).Level;
                if (policy.AverageSum != sum || policy.PeakMax != peak) return false;
                if (level != Bus.LowestMeeting(Math.Max(sum, peak))) return false;
                bool meetsBoth = Bus.Table[level].BytesPerSecond >= sum && Bus.Table[level].BytesPerSecond >= peak;
                if (!meetsBoth && level != Bus.Table.Top) return false;
                if (level > 0 && Bus.Table[level - 1].BytesPerSecond >= Math.Max(sum, peak)) return false;
            }
            return policy.Counters.Decisions == program.Votes.Length
                && policy.Counters.Total.Total == program.Votes.Length;
        });
        Check.One(PropertyRuns.Config(400), property);
    }

    /// <summary>
    /// The running sum (issue 21) is only used while it is exact: with averages that are not whole numbers, or that add
    /// up past 2^53, the sum is the one in agent order, bit for bit, as it was before the running sum existed.
    /// </summary>
    [Fact]
    public void The_sum_of_averages_is_the_agent_order_sum_bit_for_bit_whatever_the_averages()
    {
        var votes = from agent in Gen.Choose(0, 5).Select(i => $"vm{i}")
                    from average in Gen.Elements(0.1, 1e9, 1e9 + 0.5, 3.3e15, 4.5e15, 2.0, 7.25, 1e-3)
                    from leaves in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                    select leaves ? (BusVote)new AgentLeft(agent) : new BandwidthVote(agent, average, average / 2);
        var property = Prop.ForAll(Gen.ListOf(votes).Select(v => v.ToArray()).ToArbitrary(), program =>
        {
            var policy = new IccAggregation(Bus.Table);
            var live = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var vote in program)
            {
                policy.Accept(default, vote);
                if (vote is BandwidthVote b) live[b.Agent] = b.AverageBytesPerSecond;
                else live.Remove(vote.Agent);
                double inOrder = 0;
                foreach (double average in live.Values) inOrder += average;
                if (BitConverter.DoubleToInt64Bits(policy.AverageSum) != BitConverter.DoubleToInt64Bits(inOrder)) return false;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(400), property);
    }
}
