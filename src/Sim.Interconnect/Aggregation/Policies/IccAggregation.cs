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

    // The sum and the max are kept as requests come and go (issue 21: with 256 agents, summing every request at every
    // vote made the aggregator O(agents) per vote). Averages are whole bytes per second in practice (SCMI carries kB/s),
    // and a sum of whole numbers below 2^53 is exact in any order, so the running sum is the very double the loop in
    // agent order gives; while any average is not whole, or the sum could leave that range, the loop is used instead.
    private double _wholeSum;
    private int _notWhole;
    private bool _sumLeftExactRange;
    private double _peakMax;
    private int _atPeakMax; // requests whose peak is the max; 0 with requests left: the max must be looked for again
    private bool _peakMaxKnown = true;

    /// <summary>The policy over <paramref name="table"/>, with no requests yet.</summary>
    public IccAggregation(OppTable table) : base(table) { }

    /// <summary>Each live agent's latest request, by agent.</summary>
    public IReadOnlyDictionary<string, BandwidthVote> Requests => _requests;

    /// <summary>Sum of the live requests' averages, B/s (0 when none).</summary>
    public double AverageSum => _notWhole == 0 && !_sumLeftExactRange ? _wholeSum : _requests.Values.Sum(r => r.AverageBytesPerSecond);

    /// <summary>Max of the live requests' peaks, B/s (0 when none).</summary>
    public double PeakMax
    {
        get
        {
            if (!_peakMaxKnown)
            {
                _peakMax = _requests.Values.Select(r => r.PeakBytesPerSecond).DefaultIfEmpty(0).Max();
                _atPeakMax = _requests.Values.Count(r => r.PeakBytesPerSecond == _peakMax);
                _peakMaxKnown = true;
            }
            return _peakMax;
        }
    }

    /// <summary>2^53: whole numbers up to here, and their sums, are exact doubles.</summary>
    private const double ExactLimit = 9007199254740992.0;

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        switch (vote)
        {
            case BandwidthVote b:
                Replace(b.Agent, b);
                return VoteOutcome.Accepted;
            case LevelVote l:
                Replace(l.Agent, new BandwidthVote(l.Agent, 0, Table[l.Level].BytesPerSecond));
                return VoteOutcome.Accepted;
            case LimitsVote m:
                return VoteOutcome.Refused(ScmiStatus.NotSupported, $"{m.Agent}: the interconnect policy takes no limits");
            case AgentLeft left:
                Replace(left.Agent, null);
                return VoteOutcome.Accepted;
            default:
                throw new ArgumentException($"unknown vote kind {vote.GetType().Name}", nameof(vote));
        }
    }

    /// <summary>Puts <paramref name="request"/> (null: none) in place of <paramref name="agent"/>'s, keeping the sum and the max.</summary>
    private void Replace(string agent, BandwidthVote? request)
    {
        if (_requests.Remove(agent, out var old))
        {
            Account(old.AverageBytesPerSecond, -1);
            if (_peakMaxKnown && old.PeakBytesPerSecond == _peakMax && --_atPeakMax == 0) _peakMaxKnown = false;
        }
        if (request is null) return;
        _requests[agent] = request;
        Account(request.AverageBytesPerSecond, +1);
        double peak = request.PeakBytesPerSecond;
        if (!_peakMaxKnown) return;
        if (peak > _peakMax || _requests.Count == 1) (_peakMax, _atPeakMax) = (peak, 1);
        else if (peak == _peakMax) _atPeakMax++;
    }

    private void Account(double average, int sign)
    {
        if (!IsWhole(average))
        {
            _notWhole += sign;
            return;
        }
        _wholeSum += sign * average;
        if (_wholeSum >= ExactLimit) _sumLeftExactRange = true; // from then on, rounding may have crept in: always the loop
    }

    private static bool IsWhole(double value) => value >= 0 && value < ExactLimit && Math.Floor(value) == value;

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time) =>
        new(Table.LowestMeeting(Math.Max(AverageSum, PeakMax)), null);
}
