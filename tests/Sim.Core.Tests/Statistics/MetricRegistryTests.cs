using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Statistics;

/// <summary>Registration, lookup, reset and deterministic ordering in a <see cref="MetricRegistry"/>.</summary>
public sealed class MetricRegistryTests
{
    [Fact]
    public void Summaries_are_sorted_by_path_in_ordinal_order_whatever_the_registration_order()
    {
        var registry = new MetricRegistry();
        foreach (string path in new[] { "b", "a/z", "a", "B", "a/b", "a-b" }) registry.Register(new Counter(path));

        var paths = registry.SummarizeAll(SimTime.Zero).Select(pair => pair.Key);

        Assert.Equal(["B", "a", "a-b", "a/b", "a/z", "b"], paths); // '-' (0x2D) < '/' (0x2F) < letters; upper before lower
    }

    [Fact]
    public void Register_hands_back_the_metric_and_find_returns_it()
    {
        var registry = new MetricRegistry();

        var counter = registry.Register(new Counter("vm0/served"));
        var latency = registry.Register(new LatencyHistogram("vm0/wait"));

        Assert.Same(counter, registry.Find("vm0/served"));
        Assert.Same(latency, registry.Find("vm0/wait"));
        Assert.Null(registry.Find("vm0/missing"));
        Assert.Null(registry.Find("VM0/served"));
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public void A_second_metric_at_the_same_path_is_rejected_naming_the_path()
    {
        var registry = new MetricRegistry();
        var first = registry.Register(new Counter("vm0/blk0/requests"));

        var error = Assert.Throws<InvalidOperationException>(() => registry.Register(new TimeWeightedGauge("vm0/blk0/requests")));

        Assert.Contains("'vm0/blk0/requests'", error.Message);
        Assert.Same(first, registry.Find("vm0/blk0/requests"));
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Reset_all_resets_every_kind_of_metric_at_the_given_time()
    {
        var registry = new MetricRegistry();
        var counter = registry.Register(new Counter("served"));
        var gauge = registry.Register(new TimeWeightedGauge("queue"));
        var latency = registry.Register(new LatencyHistogram("wait"));
        counter.Add(5);
        gauge.Set(SimTime.FromSeconds(1), 8);
        gauge.Set(SimTime.FromSeconds(2), 2);
        latency.Record(SimTime.FromMicroseconds(3));

        registry.ResetAll(SimTime.FromSeconds(3));
        gauge.Set(SimTime.FromSeconds(4), 4);

        var summaries = registry.SummarizeAll(SimTime.FromSeconds(5)).ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal(0, summaries["served"].Get("count"));
        Assert.Equal(0, summaries["wait"].Get("count"));
        Assert.Equal(3, summaries["queue"].Get("mean")); // 2 for 1 s, 4 for 1 s since the reset at 3 s
        Assert.Equal(2, summaries["queue"].Get("min"));
        Assert.Equal(4, summaries["queue"].Get("max"));
    }

    [Fact]
    public void Asking_a_summary_for_a_value_it_lacks_lists_the_values_it_has()
    {
        var summary = new Counter("served").Summarize(SimTime.Zero);

        var error = Assert.Throws<KeyNotFoundException>(() => summary.Get("p99"));

        Assert.Contains("'p99'", error.Message);
        Assert.Contains("count", error.Message);
    }
}
