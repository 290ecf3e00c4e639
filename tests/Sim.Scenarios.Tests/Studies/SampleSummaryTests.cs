using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using FsCheck;
using FsCheck.Fluent;
using Sim.Studies;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>Confidence intervals over replications: known Student-t values, and the properties any interval must have.</summary>
public sealed class SampleSummaryTests
{
    [Fact]
    public void Ten_samples_give_the_textbook_95_percent_interval()
    {
        // Samples 1..10: mean 5.5, s = sqrt(55/6) = 3.0277; t(0.975, 9) = 2.262157; half-width = t * s / sqrt(10) = 2.16585.
        var s = SampleSummary.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95);
        Assert.Equal(10, s.Count);
        Assert.Equal(5.5, s.Mean, 12);
        Assert.Equal(3.0276503540974917, s.StandardDeviation, 12);
        Assert.Equal(2.165852, s.HalfWidth, 5);
    }

    [Fact]
    public void Two_samples_at_90_percent_use_t_with_one_degree_of_freedom()
    {
        // t(0.95, 1) = 6.313752; s of {0, 2} is sqrt(2); half-width = 6.313752 * sqrt(2) / sqrt(2).
        var s = SampleSummary.Of([0, 2], 0.90);
        Assert.Equal(6.313752, s.HalfWidth, 5);
    }

    [Fact]
    public void One_sample_has_no_interval_and_equal_samples_have_a_zero_width_one()
    {
        var one = SampleSummary.Of([3.25], 0.95);
        Assert.True(double.IsNaN(one.HalfWidth));
        Assert.Equal(3.25, one.Mean);
        var equal = SampleSummary.Of([0.1, 0.1, 0.1], 0.95);
        Assert.Equal(0.1, equal.Mean);
        Assert.Equal(0, equal.HalfWidth);
        Assert.Equal(0, equal.StandardDeviation);
    }

    [Fact]
    public void The_interval_holds_the_mean_and_widens_with_the_level()
    {
        var samples = Gen.Choose(-1000, 1000).Select(i => i / 10.0).ListOf().Where(l => l.Count >= 2);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(samples.ToArbitrary(), list =>
        {
            var low = SampleSummary.Of(list.ToList(), 0.80);
            var high = SampleSummary.Of(list.ToList(), 0.99);
            double mean = list.Average();
            return Math.Abs(low.Mean - mean) < 1e-9
                && low.Low <= low.Mean && low.Mean <= low.High
                && high.HalfWidth >= low.HalfWidth
                && (low.StandardDeviation == 0) == list.All(x => x == list[0]);
        }));
    }
}
