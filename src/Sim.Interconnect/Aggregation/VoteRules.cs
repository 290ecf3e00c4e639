using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation;

/// <summary>
/// The checks every policy makes before looking at a vote (SCMI DEN0056 performance protocol: a LEVEL_SET of a
/// level the domain does not have is OUT_OF_RANGE; a LIMITS_SET with range_min above range_max, or a malformed
/// value, is INVALID_PARAMETERS).
/// </summary>
public static class VoteRules
{
    /// <summary>The refusal for a malformed <paramref name="vote"/> against <paramref name="table"/>; null when well formed.</summary>
    public static VoteOutcome? Validate(OppTable table, BusVote vote)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(vote);
        if (string.IsNullOrEmpty(vote.Agent))
            return VoteOutcome.Refused(ScmiStatus.InvalidParameters, "a vote needs an agent name");
        switch (vote)
        {
            case BandwidthVote b when !IsBandwidth(b.AverageBytesPerSecond) || !IsBandwidth(b.PeakBytesPerSecond):
                return VoteOutcome.Refused(ScmiStatus.InvalidParameters,
                    $"{b.Agent}: bandwidth must be finite and not negative, was avg {b.AverageBytesPerSecond} B/s, peak {b.PeakBytesPerSecond} B/s");
            case LevelVote l when !table.Contains(l.Level):
                return VoteOutcome.Refused(ScmiStatus.OutOfRange, $"{l.Agent}: level {l.Level} is not in the table (0..{table.Top})");
            case LimitsVote m when !table.Contains(m.MinLevel) || !table.Contains(m.MaxLevel):
                return VoteOutcome.Refused(ScmiStatus.OutOfRange, $"{m.Agent}: limits {m.MinLevel}..{m.MaxLevel} are not in the table (0..{table.Top})");
            case LimitsVote m when m.MinLevel > m.MaxLevel:
                return VoteOutcome.Refused(ScmiStatus.InvalidParameters, $"{m.Agent}: minimum level {m.MinLevel} is above maximum {m.MaxLevel}");
            default:
                return null;
        }
    }

    private static bool IsBandwidth(double value) => value >= 0 && !double.IsInfinity(value);
}
