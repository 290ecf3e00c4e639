using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Max of requested levels, as SCP-firmware's scmi_perf plugins handler aggregates logical domains onto one
/// physical domain: each live agent's request is its latest <see cref="LevelVote"/> or the lowest level meeting its
/// latest <see cref="BandwidthVote"/> (max of average and peak); the level is the max of the requests (0 when none),
/// clamped into the combined limits, whose minimum is the max of the agents' minimums and whose maximum is the min of
/// their maximums. A LIMITS_SET that would make the combined range empty is refused (DENIED): one agent may not
/// leave the others no level. A departing agent's request and limits are dropped.
/// </summary>
public sealed class MaxOfLevels : AggregationPolicy
{
    private readonly SortedDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Min, int Max)> _limits = new(StringComparer.Ordinal);

    /// <summary>The policy over <paramref name="table"/>, with no requests and the full range.</summary>
    public MaxOfLevels(OppTable table) : base(table) { }

    /// <summary>Each live agent's requested level, by agent.</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    /// <summary>The combined limits: max of the minimums, min of the maximums (0..top when no agent set any).</summary>
    public (int Min, int Max) CombinedLimits => Combine(_limits.Values);

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        switch (vote)
        {
            case BandwidthVote b:
                _requests[b.Agent] = Table.LowestMeeting(b.Demand);
                return VoteOutcome.Accepted;
            case LevelVote l:
                _requests[l.Agent] = l.Level;
                return VoteOutcome.Accepted;
            case LimitsVote m:
                var others = _limits.Where(kv => kv.Key != m.Agent).Select(kv => kv.Value);
                var (min, max) = Combine(others.Append((m.MinLevel, m.MaxLevel)));
                if (min > max)
                    return VoteOutcome.Refused(ScmiStatus.Denied, $"{m.Agent}: limits {m.MinLevel}..{m.MaxLevel} leave no level with the other agents' (would be {min}..{max})");
                _limits[m.Agent] = (m.MinLevel, m.MaxLevel);
                return VoteOutcome.Accepted;
            case AgentLeft left:
                _requests.Remove(left.Agent);
                _limits.Remove(left.Agent);
                return VoteOutcome.Accepted;
            default:
                throw new ArgumentException($"unknown vote kind {vote.GetType().Name}", nameof(vote));
        }
    }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time)
    {
        int requested = _requests.Values.DefaultIfEmpty(0).Max();
        var (min, max) = CombinedLimits;
        return new(Math.Clamp(requested, min, max), null);
    }

    private (int Min, int Max) Combine(IEnumerable<(int Min, int Max)> limits)
    {
        int min = 0, max = Table.Top;
        foreach (var l in limits) { min = Math.Max(min, l.Min); max = Math.Min(max, l.Max); }
        return (min, max);
    }
}
