using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

/// <summary>Time weighting, reset and the forward-only clock of <see cref="TimeWeightedGauge"/>.</summary>
public sealed class TimeWeightedGaugeTests
{
    private static SimTime Seconds(double value) => SimTime.FromSeconds(value);

    [Fact]
    public void Mean_is_weighted_by_how_long_each_level_held()
    {
        var gauge = new TimeWeightedGauge("queue");
        gauge.Set(Seconds(2), 4); // 0 for 2 s
        gauge.Set(Seconds(3), 1); // 4 for 1 s, then 1 for 1 s

        var summary = gauge.Summarize(Seconds(4));

        Assert.Equal(MetricKind.Gauge, summary.Kind);
        Assert.Equal(["mean", "min", "max", "last"], summary.Values.Select(pair => pair.Key));
        Assert.Equal([1.25, 0, 4, 1], summary.Values.Select(pair => pair.Value)); // (0x2 + 4x1 + 1x1) / 4
        Assert.Equal(1, gauge.Current);
    }

    [Fact]
    public void Add_changes_the_level_by_a_delta()
    {
        var gauge = new TimeWeightedGauge("queue");
        gauge.Add(Seconds(1), 1);
        gauge.Add(Seconds(1), 1);
        gauge.Add(Seconds(3), -1);

        Assert.Equal(1, gauge.Current);
        Assert.Equal((0 * 1 + 2 * 2 + 1 * 1) / 4.0, gauge.Summarize(Seconds(4)).Get("mean"));
    }

    [Fact]
    public void A_level_held_for_no_time_counts_for_max_but_not_for_the_mean()
    {
        var gauge = new TimeWeightedGauge("queue", initial: 1);
        gauge.Set(Seconds(1), 9);
        gauge.Set(Seconds(1), 1);

        var summary = gauge.Summarize(Seconds(2));

        Assert.Equal(1, summary.Get("mean"));
        Assert.Equal(9, summary.Get("max"));
    }

    [Fact]
    public void An_empty_window_reports_the_current_level_as_the_mean()
    {
        var gauge = new TimeWeightedGauge("utilization", initial: 0.5, start: Seconds(10));

        Assert.Equal(0.5, gauge.Summarize(Seconds(10)).Get("mean"));
        Assert.Equal(0.5, gauge.Summarize(Seconds(12)).Get("mean"));
    }

    [Fact]
    public void Reset_keeps_the_level_and_starts_a_fresh_window()
    {
        var gauge = new TimeWeightedGauge("queue");
        gauge.Set(Seconds(1), 10);
        gauge.Set(Seconds(2), 1);

        gauge.Reset(Seconds(4));

        var atReset = gauge.Summarize(Seconds(4));
        Assert.Equal([1.0, 1, 1, 1], atReset.Values.Select(pair => pair.Value)); // mean, min, max, last
        gauge.Set(Seconds(5), 3);
        var later = gauge.Summarize(Seconds(6));
        Assert.Equal([2.0, 1, 3, 3], later.Values.Select(pair => pair.Value)); // (1x1 + 3x1) / 2
    }

    [Fact]
    public void Time_going_backwards_is_rejected_and_changes_nothing()
    {
        var gauge = new TimeWeightedGauge("queue");
        gauge.Set(Seconds(5), 2);

        var set = Assert.Throws<ArgumentException>(() => gauge.Set(Seconds(3), 7));
        Assert.Contains("queue", set.Message);
        Assert.Contains("3s", set.Message);
        Assert.Contains("5s", set.Message);
        Assert.Throws<ArgumentException>(() => gauge.Add(Seconds(4), 1));
        Assert.Throws<ArgumentException>(() => gauge.Reset(Seconds(4)));
        Assert.Throws<ArgumentException>(() => gauge.Summarize(Seconds(4)));

        Assert.Equal(2, gauge.Current);
        Assert.Equal(1, gauge.Summarize(Seconds(10)).Get("mean")); // (0 x 5 s + 2 x 5 s) / 10 s
    }

    [Fact]
    public void Levels_that_are_not_finite_are_rejected()
    {
        var gauge = new TimeWeightedGauge("queue");

        Assert.Throws<ArgumentException>(() => gauge.Set(Seconds(1), double.NaN));
        Assert.Throws<ArgumentException>(() => gauge.Add(Seconds(1), double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new TimeWeightedGauge("queue", initial: double.NegativeInfinity));
        Assert.Equal(0, gauge.Current);
    }
}
