using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// No aggregation: the bus stays at one level whatever the agents ask (every well-formed vote is accepted and
/// ignored). The baseline of issue 5's comparison, "always running at the top level": what a platform without bus
/// scaling does, meeting every deadline at the highest energy.
/// </summary>
public sealed class FixedLevel : AggregationPolicy
{
    /// <summary>The policy holding <paramref name="level"/> (default: the top level) of <paramref name="table"/>.</summary>
    public FixedLevel(OppTable table, int? level = null) : base(table)
    {
        Level = level ?? table.Top;
        if (!table.Contains(Level)) throw new ArgumentOutOfRangeException(nameof(level), level, $"not a level of the table (0..{table.Top})");
    }

    /// <summary>The level held.</summary>
    public int Level { get; }

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote) => VoteOutcome.Accepted;

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time) => new(Level, null);
}
