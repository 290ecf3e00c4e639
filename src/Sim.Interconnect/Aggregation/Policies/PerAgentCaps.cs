using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Per-VM caps, a decorator: each agent's votes are clipped to its cap before the wrapped policy sees them, so no
/// agent contributes more than its cap, and the clip is counted (verdict <see cref="VoteVerdict.Clipped"/>, SCMI
/// status SUCCESS, as a firmware that grants less than asked without an error). The cap resolves to a bandwidth
/// <c>B</c> (the bandwidth cap, or the capped level's bandwidth, whichever is lower) and a level <c>L</c> (the level
/// cap, or the lowest level meeting the bandwidth cap, whichever is lower). A bandwidth vote keeps
/// <c>min(avg, B)</c> and <c>min(peak, B)</c>; a level vote keeps <c>min(level, L)</c>; a limits vote keeps its
/// maximum and a minimum of <c>min(min, L)</c>. Agents without a cap (and no default) pass unchanged.
/// Contains the greedy VM; compose with <see cref="Priority"/> to exempt a safety VM.
/// </summary>
public sealed class PerAgentCaps : PolicyDecorator
{
    private readonly IReadOnlyDictionary<string, AgentCap> _caps;
    private readonly AgentCap? _default;

    /// <summary>Caps <paramref name="caps"/> by agent, and <paramref name="everyoneElse"/> for agents not listed (null: uncapped), around <paramref name="inner"/>.</summary>
    public PerAgentCaps(IAggregationPolicy inner, IReadOnlyDictionary<string, AgentCap> caps, AgentCap? everyoneElse = null) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(caps);
        _caps = new Dictionary<string, AgentCap>(caps, StringComparer.Ordinal);
        _default = everyoneElse;
        foreach (var (agent, cap) in _caps.Append(new("(everyone else)", everyoneElse ?? new AgentCap())))
        {
            if (cap.MaxLevel is { } l && !Table.Contains(l)) throw new ArgumentException($"{agent}: cap level {l} is not in the table (0..{Table.Top})", nameof(caps));
            if (cap.MaxBytesPerSecond is { } b && !(b >= 0)) throw new ArgumentException($"{agent}: cap bandwidth must not be negative, was {b}", nameof(caps));
        }
    }

    /// <summary>The cap <paramref name="agent"/> is held to as (bandwidth B/s, level); null when uncapped.</summary>
    public (double BytesPerSecond, int Level)? EffectiveCap(string agent)
    {
        var cap = _caps.GetValueOrDefault(agent) ?? _default;
        if (cap is null) return null;
        double bandwidth = Math.Min(cap.MaxBytesPerSecond ?? double.PositiveInfinity, cap.MaxLevel is { } l ? Table[l].BytesPerSecond : double.PositiveInfinity);
        int level = Math.Min(cap.MaxLevel ?? Table.Top, cap.MaxBytesPerSecond is { } b ? Table.LowestMeeting(b) : Table.Top);
        return (bandwidth, level);
    }

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        if (EffectiveCap(vote.Agent) is not { } cap) return Inner.Accept(time, vote);
        BusVote clipped = vote switch
        {
            BandwidthVote b => b with { AverageBytesPerSecond = Math.Min(b.AverageBytesPerSecond, cap.BytesPerSecond), PeakBytesPerSecond = Math.Min(b.PeakBytesPerSecond, cap.BytesPerSecond) },
            LevelVote l => l with { Level = Math.Min(l.Level, cap.Level) },
            LimitsVote m => m with { MinLevel = Math.Min(m.MinLevel, cap.Level) },
            _ => vote,
        };
        var outcome = Inner.Accept(time, clipped);
        if (!outcome.Taken || clipped == vote) return outcome;
        return VoteOutcome.Clipped($"{vote.Agent}: clipped to its cap of {cap.BytesPerSecond} B/s, level {cap.Level}");
    }
}
