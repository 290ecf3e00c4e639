using FsCheck;
using FsCheck.Fluent;

namespace Sim.Core.Tests.Statistics;

/// <summary>A named batch of samples drawn from one distribution; prints in full so a counterexample can be replayed.</summary>
internal sealed record SampleSet(string Distribution, long[] Values)
{
    public override string ToString() => $"{Distribution}, {Values.Length} values: [{string.Join(", ", Values)}]";
}

/// <summary>FsCheck generators of non-negative samples from several distributions, and the exact oracle to check against.</summary>
internal static class SampleSets
{
    /// <summary>62 uniformly random bits.</summary>
    private static readonly Gen<long> Bits62 =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((long)high << 31) | (long)low;

    /// <summary>Small values, all in the exact range (below 256), 0 included.</summary>
    private static readonly Gen<long> SmallExact = Gen.Choose(0, 300).Select(value => (long)value);

    /// <summary>Uniform over [0, 2^bits) for a wide range.</summary>
    private static readonly Gen<long> UniformWide =
        from bits in Gen.Elements(20, 40, 62)
        from random in Bits62
        select random >> (62 - bits);

    /// <summary>A random octave in [0, 62], then a uniform value in it: spans every octave the histogram has.</summary>
    private static readonly Gen<long> ManyOctaves =
        from octave in Gen.Choose(0, 62)
        from random in Bits62
        select (1L << octave) | (random & ((1L << octave) - 1));

    /// <summary>Exponential with a mean of 1 ns, 1 us or 1 ms in picoseconds, like service times.</summary>
    private static readonly Gen<long> Exponential =
        from mean in Gen.Elements(1e3, 1e6, 1e9)
        from uniform in Gen.Choose(1, int.MaxValue)
        select (long)Math.Round(-mean * Math.Log(uniform / (double)int.MaxValue));

    private static readonly (string Name, Gen<long> Values)[] Distributions =
    [
        ("small exact values", SmallExact),
        ("uniform over a wide range", UniformWide),
        ("values spanning many octaves", ManyOctaves),
        ("exponential", Exponential),
        ("mixture with zeros", Gen.Frequency((1, Gen.Constant(0L)), (2, SmallExact), (3, ManyOctaves), (3, Exponential))),
    ];

    /// <summary>Between 1 and 2000 samples from one of the distributions.</summary>
    public static Arbitrary<SampleSet> Arbitrary { get; } = Arb.From(
        from distribution in Gen.Elements(Distributions)
        from count in Gen.Choose(1, 2000)
        from values in Gen.ArrayOf(distribution.Values, count)
        select new SampleSet(distribution.Name, values),
        Shrink);

    /// <summary>Smaller sets: each half, then (once small) each set with one sample left out.</summary>
    private static IEnumerable<SampleSet> Shrink(SampleSet set)
    {
        long[] values = set.Values;
        if (values.Length <= 1) yield break;
        int half = values.Length / 2;
        yield return set with { Values = values[..half] };
        yield return set with { Values = values[half..] };
        if (values.Length > 32) yield break;
        for (int i = 0; i < values.Length; i++) yield return set with { Values = [.. values[..i], .. values[(i + 1)..]] };
    }

    /// <summary>The exact nearest-rank percentile: the value of rank ⌈p/100 × n⌉ (at least 1) among the sorted samples.</summary>
    public static long ExactPercentile(long[] sorted, double percent)
    {
        long rank = (long)decimal.Ceiling((decimal)percent * sorted.Length / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
