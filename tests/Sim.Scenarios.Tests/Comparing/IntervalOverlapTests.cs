using Sim.Studies.Comparing;

namespace Sim.Scenarios.Tests.Comparing;

/// <summary>
/// The overlap rules: two intervals overlap when they share a value; with one interval, when it holds the other mean;
/// with none, there is nothing to say (n/a) whatever the means.
/// </summary>
public sealed class IntervalOverlapTests
{
    [Theory]
    [InlineData(10.0, 1.0, 11.5, 1.0, IntervalOverlap.Yes)]   // [9, 11] and [10.5, 12.5]
    [InlineData(10.0, 1.0, 12.0, 1.0, IntervalOverlap.Yes)]   // touching at 11
    [InlineData(10.0, 1.0, 12.5, 1.0, IntervalOverlap.No)]    // [9, 11] and [11.5, 13.5]
    [InlineData(10.0, 0.5, 8.0, 1.0, IntervalOverlap.No)]     // below
    public void Two_intervals_overlap_when_they_share_a_value(double meanA, double halfA, double meanB, double halfB, IntervalOverlap expected)
    {
        var a = new ComparedValue(5, meanA, halfA);
        var b = new ComparedValue(5, meanB, halfB);
        Assert.Equal(expected, a.OverlapWith(b));
        Assert.Equal(expected, b.OverlapWith(a));
    }

    [Theory]
    [InlineData(10.5, IntervalOverlap.Yes)]
    [InlineData(11.0, IntervalOverlap.Yes)]
    [InlineData(11.2, IntervalOverlap.No)]
    [InlineData(8.0, IntervalOverlap.No)]
    public void With_one_interval_the_other_mean_must_lie_within_it(double single, IntervalOverlap expected)
    {
        var withInterval = new ComparedValue(5, 10.0, 1.0);
        var run = new ComparedValue(1, single, null);
        Assert.Equal(expected, withInterval.OverlapWith(run));
        Assert.Equal(expected, run.OverlapWith(withInterval));
    }

    [Fact]
    public void Without_any_interval_overlap_does_not_apply_even_for_different_means()
    {
        Assert.Equal(IntervalOverlap.NotApplicable, new ComparedValue(1, 1.0, null).OverlapWith(new ComparedValue(1, 2.0, null)));
        Assert.Equal(IntervalOverlap.NotApplicable, new ComparedValue(1, 1.0, double.NaN).OverlapWith(new ComparedValue(1, 1.0, null)));
    }
}
