using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Linux interconnect style (drivers/interconnect/core.c, <c>icc_std_aggregate</c>): the aggregate average is the
/// sum of the live agents' averages, the aggregate peak the max of their peaks, and the level the lowest whose
/// bandwidth is at least the larger of the two (<see cref="OppTable.LowestMeeting"/>; the top when none is).
/// Each agent's latest request replaces its previous one (<c>icc_set_bw</c>); a departing agent's request is
/// dropped (<c>icc_put</c>). A <see cref="LevelVote"/> counts as a peak of that level's bandwidth and no average (a
/// floor, not traffic). Linux icc has no limits, so the domain does not take LIMITS_SET (NOT_SUPPORTED, as when the
/// DOMAIN_ATTRIBUTES "can set limits" bit 31 is clear).
/// </summary>
public sealed class IccAggregation : AggregationPolicy
{
    private readonly SortedDictionary<string, BandwidthVote> _requests = new(StringComparer.Ordinal);

    /// <summary>The policy over <paramref name="table"/>, with no requests yet.</summary>
    public IccAggregation(OppTable table) : base(table) { }

    /// <summary>Each live agent's latest request, by agent.</summary>
    public IReadOnlyDictionary<string, BandwidthVote> Requests => _requests;

    /// <summary>Sum of the live requests' averages, B/s (0 when none).</summary>
    public double AverageSum => _requests.Values.Sum(r => r.AverageBytesPerSecond);

    /// <summary>Max of the live requests' peaks, B/s (0 when none).</summary>
    public double PeakMax => _requests.Values.Select(r => r.PeakBytesPerSecond).DefaultIfEmpty(0).Max();

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        switch (vote)
        {
            case BandwidthVote b:
                _requests[b.Agent] = b;
                return VoteOutcome.Accepted;
            case LevelVote l:
                _requests[l.Agent] = new BandwidthVote(l.Agent, 0, Table[l.Level].BytesPerSecond);
                return VoteOutcome.Accepted;
            case LimitsVote m:
                return VoteOutcome.Refused(ScmiStatus.NotSupported, $"{m.Agent}: the interconnect policy takes no limits");
            case AgentLeft left:
                _requests.Remove(left.Agent);
                return VoteOutcome.Accepted;
            default:
                throw new ArgumentException($"unknown vote kind {vote.GetType().Name}", nameof(vote));
        }
    }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time) =>
        new(Table.LowestMeeting(Math.Max(AverageSum, PeakMax)), null);
}
