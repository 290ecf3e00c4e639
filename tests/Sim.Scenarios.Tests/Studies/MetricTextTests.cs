using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Core.Statistics;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>
/// One way to write a metric value for people: with its unit and an SI prefix (µs, never us or a bare µ), counts with
/// grouped thousands, intervals with the unit once; and the unit of each flattened value from its metric's kind and unit.
/// </summary>
public sealed class MetricTextTests
{
    [Theory]
    [InlineData(4.352e-05, "s", "43.5 µs")]
    [InlineData(134484.0, "/s", "134 k/s")]
    [InlineData(5.51e8, "B/s", "551 MB/s")]
    [InlineData(0.27, "J", "270 mJ")]
    [InlineData(65536.0, "", "65,536")]
    [InlineData(134484.4, "", "134,484")]
    [InlineData(2.18, "", "2.18")]
    [InlineData(0.125, "", "0.125")]
    [InlineData(0.0, "s", "0 s")]
    [InlineData(4.352e-05, null, "43.5 µ")]
    public void A_value_is_written_with_its_unit(double value, string? unit, string expected) =>
        Assert.Equal(expected, MetricText.Value(value, unit));

    [Theory]
    [InlineData(4.1e-05, 1.2e-06, "s", "41.0 ± 1.20 µs")]
    [InlineData(4.1e-05, 3.5e-07, "s", "41.0 µs ± 350 ns")]
    [InlineData(134484.0, 1203.0, "", "134,484 ± 1,203")]
    [InlineData(4.1e-05, double.NaN, "s", "41.0 µs")]
    [InlineData(0.0075, 0.0, "J", "7.50 mJ ± 0")]
    public void An_interval_says_its_unit_once_when_both_ends_share_it(double mean, double halfWidth, string unit, string expected) =>
        Assert.Equal(expected, MetricText.Interval(mean, halfWidth, unit));

    [Fact]
    public void A_difference_is_signed()
    {
        Assert.Equal("+13.2 µs", MetricText.Difference(1.32e-05, "s"));
        Assert.Equal("-18.3 k/s", MetricText.Difference(-18300, "/s"));
    }

    [Theory]
    [InlineData(MetricKind.Histogram, "s", "mean", "s")]
    [InlineData(MetricKind.Histogram, "s", "count", "")]
    [InlineData(MetricKind.Counter, "B", "count", "B")]
    [InlineData(MetricKind.Counter, "B", "perSecond", "B/s")]
    [InlineData(MetricKind.Counter, "", "perSecond", "/s")]
    [InlineData(MetricKind.Integral, "J", "total", "J")]
    [InlineData(MetricKind.Integral, "J", "rate", "W")]
    [InlineData(MetricKind.Ledger, "s", "guest.blk.request.count", "")]
    [InlineData(MetricKind.Ledger, "s", "guest.blk.request.busy", "s")]
    [InlineData(MetricKind.Ratio, "", "value", "")]
    [InlineData("access", "", "bytesRead", "B")]
    [InlineData("exposure", "pages", "pagesMean", "")]
    [InlineData("exposure", "pages", "staleMaxSeconds", "s")]
    [InlineData("exposure", "pages", "pageSeconds", "page·s")]
    [InlineData("platform", "", "bytesCopiedPerRequest", "B")]
    public void A_values_unit_follows_from_its_metrics_kind_and_unit_and_its_name(string kind, string unit, string name, string expected) =>
        Assert.Equal(expected, ValueUnits.Of(kind, unit, name));

    [Fact]
    public void A_double_star_before_a_slash_may_stand_for_no_segment()
    {
        var selection = new MetricSelection(["**/driver/latency.mean"]);
        Assert.Equal(["driver/latency.mean", "kvm/blk0/driver/latency.mean"],
            selection.Select(["driver/latency.mean", "kvm/blk0/driver/latency.mean", "xdriver/latency.mean"]));
    }
}
