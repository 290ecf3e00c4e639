using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Statistics;

namespace Sim.Core.Tests.Statistics;

/// <summary>Properties of <see cref="LogLinearHistogram"/> over random samples, checked with FsCheck.</summary>
public sealed class LogLinearHistogramPropertyTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 99, 99.9, 100];

    private static readonly Config Config = PropertyRuns.Config(200);

    /// <summary>
    /// Tolerance: |histogram - exact| ≤ exact × RelativeError (1/256), where exact is the nearest-rank percentile of the
    /// sorted samples. This is the bucket bound itself, with no slack; values below 256 must therefore come out exact.
    /// </summary>
    [Fact]
    public void Percentiles_are_within_the_relative_error_of_the_exact_nearest_rank_percentiles()
    {
        var property = Prop.ForAll(SampleSets.Arbitrary, set =>
        {
            string? violation = FirstPercentileViolation(set.Values);
            return (violation is null).Label(violation ?? "all percentiles within tolerance");
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Count_sum_min_max_are_exact_and_the_mean_is_the_nearest_double_to_the_exact_mean()
    {
        var property = Prop.ForAll(SampleSets.Arbitrary, set =>
        {
            var histogram = new LogLinearHistogram();
            foreach (long value in set.Values) histogram.Record(value);
            Int128 sum = 0;
            foreach (long value in set.Values) sum += value;
            return (histogram.Count == set.Values.Length
                    && histogram.Sum == sum
                    && histogram.Min == set.Values.Min()
                    && histogram.Max == set.Values.Max()
                    && ExactMean.IsNearestDouble(histogram.Mean, sum, set.Values.Length))
                .Label($"count {histogram.Count}, sum {histogram.Sum} (exact {sum}), min {histogram.Min}, max {histogram.Max}, mean {histogram.Mean:R}");
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Merging_two_histograms_equals_recording_both_sets_into_one()
    {
        var property = Prop.ForAll(SampleSets.Arbitrary, SampleSets.Arbitrary, (left, right) =>
        {
            var merged = new LogLinearHistogram();
            var other = new LogLinearHistogram();
            var both = new LogLinearHistogram();
            foreach (long value in left.Values) { merged.Record(value); both.Record(value); }
            foreach (long value in right.Values) { other.Record(value); both.Record(value); }

            merged.Merge(other);

            return (SameStatistics(merged, both) is var difference && difference is null)
                .Label(difference ?? "identical");
        });

        Check.One(Config, property);
    }

    [Fact]
    public void A_failing_property_fails_the_test_and_reports_the_shrunk_counterexample()
    {
        var property = Prop.ForAll(SampleSets.Arbitrary, set => set.Values.Length < 3);

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config, property));

        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains(", 3 values: [", failure.Message);
    }

    private static string? FirstPercentileViolation(long[] values)
    {
        var histogram = new LogLinearHistogram();
        foreach (long value in values) histogram.Record(value);
        long[] sorted = (long[])values.Clone();
        Array.Sort(sorted);
        foreach (double percent in Percentiles)
        {
            long exact = SampleSets.ExactPercentile(sorted, percent);
            long reported = histogram.ValueAtPercentile(percent);
            double error = Math.Abs((double)reported - exact);
            if (error > exact * LogLinearHistogram.RelativeError)
                return $"p{percent}: histogram {reported}, exact {exact}, error {error / exact:P4} > {LogLinearHistogram.RelativeError:P4}";
        }
        return null;
    }

    /// <summary>Null when the two histograms agree on every statistic and on percentiles 0, 0.1, ..., 100; else the first difference.</summary>
    internal static string? SameStatistics(LogLinearHistogram actual, LogLinearHistogram expected)
    {
        if (actual.Count != expected.Count) return $"count {actual.Count} != {expected.Count}";
        if (actual.Sum != expected.Sum) return $"sum {actual.Sum} != {expected.Sum}";
        if (actual.Min != expected.Min) return $"min {actual.Min} != {expected.Min}";
        if (actual.Max != expected.Max) return $"max {actual.Max} != {expected.Max}";
        if (actual.Mean != expected.Mean) return $"mean {actual.Mean} != {expected.Mean}";
        for (int tenths = 0; tenths <= 1000; tenths++)
        {
            double percent = tenths / 10.0;
            long a = actual.ValueAtPercentile(percent), e = expected.ValueAtPercentile(percent);
            if (a != e) return $"p{percent}: {a} != {e}";
        }
        return null;
    }
}
