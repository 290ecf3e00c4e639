using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>
/// A VM's votes over time: a pure, repeatable sequence (the same source gives the same votes every time it is
/// enumerated). These scripted vote streams drive the aggregation policies alone in tests (issue 17 moved them here
/// from <c>src/Sim.Interconnect/Aggregation/Adversaries</c>); the voters of simulated scenarios are the display voter
/// behaviours in <c>src/Sim.Devices/Scmi/Agents</c> (honest, greedy, flooding, under-reporting).
/// </summary>
public interface IVoteSource
{
    /// <summary>The voting agent.</summary>
    string Agent { get; }

    /// <summary>The votes sent before <paramref name="until"/>, in time order.</summary>
    IEnumerable<TimedVote> Votes(SimTime until);
}
