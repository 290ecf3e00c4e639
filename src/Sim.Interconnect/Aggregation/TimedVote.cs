using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation;

/// <summary>A vote and the simulated time it reaches the SCMI server.</summary>
/// <param name="At">Arrival time.</param>
/// <param name="Vote">The vote.</param>
public sealed record TimedVote(SimTime At, BusVote Vote);
