using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Core.Randomness;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>Run seeds follow the documented derivation, so any run can be reproduced alone.</summary>
public sealed class RunSeedsTests
{
    [Fact]
    public void Independent_seeds_follow_the_documented_formula()
    {
        Assert.Equal(SplitMix64.Derive(SplitMix64.Derive(42, 4), 8), RunSeeds.For(42, SeedDerivation.Independent, 3, 7));
        Assert.Equal(SplitMix64.Derive(42, 8UL << 32), RunSeeds.For(42, SeedDerivation.Common, 3, 7));
    }

    [Fact]
    public void Independent_seeds_differ_for_every_run_and_common_ones_only_by_replication()
    {
        var independent = new HashSet<ulong>();
        for (int p = 0; p < 100; p++)
            for (int r = 0; r < 100; r++)
                Assert.True(independent.Add(RunSeeds.For(7, SeedDerivation.Independent, p, r)), $"seed of ({p}, {r}) repeats");
        Assert.Equal(RunSeeds.For(7, SeedDerivation.Common, 0, 5), RunSeeds.For(7, SeedDerivation.Common, 99, 5));
        Assert.NotEqual(RunSeeds.For(7, SeedDerivation.Common, 0, 5), RunSeeds.For(7, SeedDerivation.Common, 0, 6));
    }
}
