using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// One agent's time quota for <see cref="Quota"/>: within each window of <paramref name="Window"/> (windows start at
/// 0, W, 2W, ...), its demand above <paramref name="BaselineLevel"/> is honoured for at most <paramref name="Budget"/>.
/// </summary>
/// <param name="BaselineLevel">The level the agent may always ask for.</param>
/// <param name="Budget">Time per window its demand may stay above the baseline.</param>
/// <param name="Window">Length of the accounting window.</param>
public sealed record AgentQuota(int BaselineLevel, SimTime Budget, SimTime Window);
