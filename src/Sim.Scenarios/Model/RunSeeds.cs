using Sim.Core.Randomness;

using Sim.Scenarios.Model;

namespace Sim.Scenarios.Model;

/// <summary>
/// The seed of one run of a study, from the scenario's seed, the point's index and the replication's number (both
/// from 0), so that any run can be reproduced alone: <c>sim run FILE --point P --replication R</c>.
/// <list type="bullet">
/// <item><c>independent</c>: <c>Derive(Derive(seed, P + 1), R + 1)</c>;</item>
/// <item><c>common</c>: <c>Derive(seed, (R + 1) &lt;&lt; 32)</c>, the same for every point;</item>
/// </list>
/// where <c>Derive</c> is <see cref="SplitMix64.Derive"/>, the same mix that gives each actor its stream.
/// </summary>
public static class RunSeeds
{
    /// <summary>The seed of replication <paramref name="replication"/> of point <paramref name="point"/>.</summary>
    public static ulong For(ulong scenarioSeed, SeedDerivation derivation, int point, int replication)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(point);
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        return derivation switch
        {
            SeedDerivation.Independent => SplitMix64.Derive(SplitMix64.Derive(scenarioSeed, (ulong)point + 1), (ulong)replication + 1),
            SeedDerivation.Common => SplitMix64.Derive(scenarioSeed, ((ulong)replication + 1) << 32),
            _ => throw new ArgumentOutOfRangeException(nameof(derivation), derivation, null),
        };
    }
}
