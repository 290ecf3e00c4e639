using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

/// <summary>Counting, resetting and summarizing a <see cref="Counter"/>.</summary>
public sealed class CounterTests
{
    [Fact]
    public void Increment_and_add_count_up_and_the_summary_reports_the_count()
    {
        var counter = new Counter("vm0/blk0/bytes", "B");
        counter.Increment();
        counter.Add(4096);
        counter.Add(0);

        var summary = counter.Summarize(SimTime.Zero);

        Assert.Equal(4097, counter.Value);
        Assert.Equal(new MetricSummary("counter", "B", summary.Values), summary);
        Assert.Equal([KeyValuePair.Create("count", 4097.0)], summary.Values);
    }

    [Fact]
    public void Reset_starts_again_from_zero()
    {
        var counter = new Counter("served");
        counter.Add(10);

        counter.Reset(SimTime.FromSeconds(1));
        counter.Increment();

        Assert.Equal(1, counter.Value);
        Assert.Equal("", counter.Unit);
        Assert.Equal(MetricKind.Counter, counter.Kind);
    }

    [Fact]
    public void A_counter_never_goes_down_nor_wraps_around()
    {
        var counter = new Counter("served");
        counter.Add(long.MaxValue);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(-1));
        Assert.Contains("served", negative.Message);
        Assert.Throws<OverflowException>(() => counter.Increment());
        Assert.Equal(long.MaxValue, counter.Value);
    }

    [Fact]
    public void A_path_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => new Counter(""));
        Assert.Throws<ArgumentException>(() => new Counter("  "));
    }
}
