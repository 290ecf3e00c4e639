using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Bus;

namespace Sim.Platform.Tests.Scmi;

/// <summary>A policy that records every vote with its time and answers with a settable outcome and decision.</summary>
internal sealed class RecordingPolicy(OppTable table) : IAggregationPolicy
{
    public OppTable Table { get; } = table;

    public AggregationCounters Counters { get; } = new();

    public List<(SimTime At, BusVote Vote)> Votes { get; } = [];

    public List<SimTime> Decisions { get; } = [];

    public VoteOutcome Outcome { get; set; } = VoteOutcome.Accepted;

    public LevelDecision Decision { get; set; } = new(0, null);

    public VoteOutcome Accept(SimTime time, BusVote vote)
    {
        Votes.Add((time, vote));
        return Outcome;
    }

    public LevelDecision Decide(SimTime time)
    {
        Decisions.Add(time);
        return Decision;
    }
}
