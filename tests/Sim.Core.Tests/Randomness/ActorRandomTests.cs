using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Randomness;

namespace Sim.Core.Tests.Randomness;

public sealed class ActorRandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_stream_and_a_different_seed_another()
    {
        var a = new ActorRandom(42);
        var b = new ActorRandom(42);
        var c = new ActorRandom(43);
        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // Reference splitmix64.c (Vigna) from state 0: first outputs.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro_stream_is_pinned_so_results_stay_reproducible_across_versions()
    {
        // Values from an independent Python transcription of splitmix64.c + xoshiro256starstar.c for seed 1.
        var random = new ActorRandom(1);
        Assert.Equal(PinnedFirst, random.NextUInt64());
        Assert.Equal(PinnedSecond, random.NextUInt64());
    }

    private const ulong PinnedFirst = 0xB3F2AF6D0FC710C5UL;
    private const ulong PinnedSecond = 0x853B559647364CEAUL;

    [Fact]
    public void Bounded_draws_stay_in_range_and_doubles_in_the_unit_interval()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (seed, bound) =>
        {
            ulong max = bound == 0 ? 1 : bound;
            var random = new ActorRandom(seed);
            for (int i = 0; i < 50; i++)
            {
                if (random.NextUInt64(max) >= max) return false;
                double d = random.NextDouble();
                if (d is < 0 or >= 1) return false;
                double o = random.NextOpenClosed();
                if (o is <= 0 or > 1) return false;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Exponential_draws_have_the_asked_mean_within_three_standard_errors()
    {
        var random = new ActorRandom(7);
        const int n = 200_000;
        const double mean = 1000;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += random.NextExponential(mean);
        double standardError = mean / Math.Sqrt(n);
        Assert.InRange(sum / n, mean - 3 * standardError, mean + 3 * standardError);
    }

    [Fact]
    public void Derived_seeds_differ_per_child_and_depend_on_the_parent()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => SplitMix64.Derive(1, (ulong)i)).ToHashSet();
        Assert.Equal(1000, seeds.Count);
        Assert.NotEqual(SplitMix64.Derive(1, 5), SplitMix64.Derive(2, 5));
    }
}
