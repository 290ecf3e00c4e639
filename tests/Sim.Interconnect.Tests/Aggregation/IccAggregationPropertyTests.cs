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
}
