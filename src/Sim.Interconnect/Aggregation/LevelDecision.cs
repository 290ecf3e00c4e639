using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation;

/// <summary>
/// A policy's answer to "which level now?": the level index to set, and, when the policy is holding a change back
/// (hysteresis, rate limiting), the time at which it wants to be asked again.
/// </summary>
/// <param name="Level">The level index to set now, 0 = slowest.</param>
/// <param name="AskAgainAt">When to call <see cref="IAggregationPolicy.Decide"/> again even if no vote arrives; null when not needed.</param>
public readonly record struct LevelDecision(int Level, SimTime? AskAgainAt)
{
    /// <summary>The earlier of two optional times (null means never).</summary>
    public static SimTime? Earliest(SimTime? a, SimTime? b) =>
        a is null ? b : b is null ? a : SimTime.Min(a.Value, b.Value);
}
