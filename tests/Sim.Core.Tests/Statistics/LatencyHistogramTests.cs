using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

/// <summary>The summary of a <see cref="LatencyHistogram"/>: its order, unit and conversion to seconds.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Summary_lists_count_mean_percentiles_max_and_min_in_seconds()
    {
        var latency = new LatencyHistogram("vm0/blk0/read_latency");
        for (int microseconds = 1; microseconds <= 100; microseconds++) latency.Record(SimTime.FromMicroseconds(microseconds));

        var summary = latency.Summarize(SimTime.FromSeconds(1));

        Assert.Equal(MetricKind.Histogram, summary.Kind);
        Assert.Equal("s", summary.Unit);
        Assert.Equal(["count", "mean", "p50", "p90", "p99", "max", "min", "stddev"], summary.Values.Select(pair => pair.Key));
        Assert.Equal(100, summary.Get("count"));
        Assert.Equal(50.5e-6, summary.Get("mean"), 1e-15);
        Assert.Equal(100e-6, summary.Get("max"));
        Assert.Equal(1e-6, summary.Get("min"));
        foreach (var (name, exact) in new[] { ("p50", 50e-6), ("p90", 90e-6), ("p99", 99e-6) })
        {
            double reported = summary.Get(name);
            Assert.True(Math.Abs(reported - exact) <= exact * LogLinearHistogram.RelativeError, $"{name} is {reported}, exact {exact}");
        }
    }

    [Fact]
    public void An_empty_histogram_summarizes_to_zeros()
    {
        var summary = new LatencyHistogram("wait").Summarize(SimTime.Zero);

        Assert.All(summary.Values, pair => Assert.Equal(0.0, pair.Value));
        Assert.Equal(8, summary.Values.Count);
    }

    [Fact]
    public void Reset_forgets_every_latency()
    {
        var latency = new LatencyHistogram("wait");
        latency.Record(SimTime.FromMilliseconds(3));

        latency.Reset(SimTime.FromSeconds(1));
        latency.Record(SimTime.FromNanoseconds(250));

        Assert.Equal(1, latency.Count);
        Assert.Equal(SimTime.FromNanoseconds(250), latency.ValueAtPercentile(100));
        Assert.Equal(250e-9, latency.Summarize(SimTime.FromSeconds(2)).Get("max"));
    }

    [Fact]
    public void A_negative_latency_is_rejected_naming_the_metric()
    {
        var latency = new LatencyHistogram("vm0/net0/tx_latency");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => latency.Record(SimTime.FromNanoseconds(-1)));

        Assert.Contains("vm0/net0/tx_latency", error.Message);
        Assert.Equal(0, latency.Count);
    }

    [Fact]
    public void Record_allocates_nothing_once_warmed_up()
    {
        var latency = new LatencyHistogram("wait");
        for (long ps = 1; ps <= 100_000; ps++) latency.Record(new SimTime(ps * 9_999_991));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long ps = 1; ps <= 100_000; ps++) latency.Record(new SimTime(ps * 9_999_991));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(200_000, latency.Count);
    }
}
