using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Aggregation;

/// <summary>
/// The common frame of every policy: checks that time does not run backwards, refuses malformed votes
/// (<see cref="VoteRules"/>), counts every verdict and decision, and leaves the rule itself to <see cref="Take"/> and
/// <see cref="Choose"/>. A new policy is one small class deriving from this (or from <see cref="PolicyDecorator"/>).
/// </summary>
public abstract class AggregationPolicy : IAggregationPolicy
{
    private SimTime _latest = SimTime.Zero;

    /// <summary>A policy choosing among the levels of <paramref name="table"/>.</summary>
    protected AggregationPolicy(OppTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
    }

    /// <inheritdoc />
    public OppTable Table { get; }

    /// <inheritdoc />
    public AggregationCounters Counters { get; } = new();

    /// <inheritdoc />
    public VoteOutcome Accept(SimTime time, BusVote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        Advance(time);
        var outcome = VoteRules.Validate(Table, vote) ?? Take(time, vote);
        Counters.RecordVote(vote.Agent, outcome);
        return outcome;
    }

    /// <inheritdoc />
    public LevelDecision Decide(SimTime time)
    {
        Advance(time);
        var decision = Choose(time);
        Counters.RecordDecision(decision.Level);
        return decision;
    }

    /// <summary>The policy's rule for a well-formed <paramref name="vote"/> at <paramref name="time"/>.</summary>
    protected abstract VoteOutcome Take(SimTime time, BusVote vote);

    /// <summary>The policy's rule for the level at <paramref name="time"/>.</summary>
    protected abstract LevelDecision Choose(SimTime time);

    private void Advance(SimTime time)
    {
        if (time < _latest)
            throw new ArgumentOutOfRangeException(nameof(time), time, $"{GetType().Name}: time went backwards from {_latest} to {time}");
        _latest = time;
    }
}
