using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>A transparent spy between a decorator and the policy it wraps: records every vote it forwards and every decision.</summary>
internal sealed class Recording(IAggregationPolicy inner) : IAggregationPolicy
{
    public IAggregationPolicy Inner => inner;
    public List<(SimTime At, BusVote Vote, VoteOutcome Outcome)> Votes { get; } = [];
    public List<(SimTime At, LevelDecision Decision)> Decisions { get; } = [];

    public OppTable Table => inner.Table;
    public AggregationCounters Counters => inner.Counters;

    public VoteOutcome Accept(SimTime time, BusVote vote)
    {
        var outcome = inner.Accept(time, vote);
        Votes.Add((time, vote, outcome));
        return outcome;
    }

    public LevelDecision Decide(SimTime time)
    {
        var decision = inner.Decide(time);
        Decisions.Add((time, decision));
        return decision;
    }
}
