using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// SCP-firmware's base scmi_perf behaviour, which keeps no per-agent state: the last LEVEL_SET sets the level, and is
/// refused (OUT_OF_RANGE) when outside the domain's limits; a LIMITS_SET replaces the domain's limits whoever sends
/// it and pulls the level into the new range. A <see cref="BandwidthVote"/> is a LEVEL_SET of the lowest level
/// meeting its max of average and peak. A departing agent changes nothing: nothing of it is kept. With several
/// agents, one agent's later, lower request silently undoes another's need: the failure this policy is here to show.
/// </summary>
public sealed class LastWriterWins : AggregationPolicy
{
    private int _level;

    /// <summary>The policy over <paramref name="table"/>, starting at <paramref name="initialLevel"/> with the full range.</summary>
    public LastWriterWins(OppTable table, int initialLevel = 0) : base(table)
    {
        if (!table.Contains(initialLevel)) throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"not a level of the table (0..{table.Top})");
        _level = initialLevel;
        Limits = (0, table.Top);
    }

    /// <summary>The domain's current limits (the last LIMITS_SET's, or the full range).</summary>
    public (int Min, int Max) Limits { get; private set; }

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        switch (vote)
        {
            case BandwidthVote b:
                return SetLevel(b.Agent, Table.LowestMeeting(b.Demand));
            case LevelVote l:
                return SetLevel(l.Agent, l.Level);
            case LimitsVote m:
                Limits = (m.MinLevel, m.MaxLevel);
                _level = Math.Clamp(_level, m.MinLevel, m.MaxLevel);
                return VoteOutcome.Accepted;
            case AgentLeft:
                return VoteOutcome.Accepted;
            default:
                throw new ArgumentException($"unknown vote kind {vote.GetType().Name}", nameof(vote));
        }
    }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time) => new(_level, null);

    private VoteOutcome SetLevel(string agent, int level)
    {
        if (level < Limits.Min || level > Limits.Max)
            return VoteOutcome.Refused(ScmiStatus.OutOfRange, $"{agent}: level {level} is outside the limits {Limits.Min}..{Limits.Max}");
        _level = level;
        return VoteOutcome.Accepted;
    }
}
