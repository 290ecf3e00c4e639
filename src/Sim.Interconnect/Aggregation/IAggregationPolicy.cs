using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation;

/// <summary>
/// How the SCMI server combines the agents' votes on the shared bus domain into one level. Fed votes in arrival
/// order with non-decreasing times; asked for the level after each taken vote and at any <see cref="LevelDecision.AskAgainAt"/>
/// it returned. Pure and deterministic: the same votes at the same times give the same levels.
/// Derive from <see cref="AggregationPolicy"/> to get validation and counters for free.
/// </summary>
public interface IAggregationPolicy
{
    /// <summary>The bus levels the policy chooses among.</summary>
    OppTable Table { get; }

    /// <summary>What the policy has done so far.</summary>
    AggregationCounters Counters { get; }

    /// <summary>Takes or refuses <paramref name="vote"/>, arriving at <paramref name="time"/>.</summary>
    VoteOutcome Accept(SimTime time, BusVote vote);

    /// <summary>The level to set at <paramref name="time"/>, and when to ask again.</summary>
    LevelDecision Decide(SimTime time);
}
