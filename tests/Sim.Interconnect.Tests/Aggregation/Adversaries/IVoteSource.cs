using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Adversaries;

/// <summary>A VM's votes over time: a pure, repeatable sequence (the same source gives the same votes every time it is enumerated).</summary>
public interface IVoteSource
{
    /// <summary>The voting agent.</summary>
    string Agent { get; }

    /// <summary>The votes sent before <paramref name="until"/>, in time order.</summary>
    IEnumerable<TimedVote> Votes(SimTime until);
}
