using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies.Comparing;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Comparing;

/// <summary>
/// Building a comparison: each selected metric gets one entry per item with its difference from the baseline
/// (absolute and relative to |baseline mean|) and the overlap verdict; missing keys stay empty; the metric selection
/// is the user's patterns (each must match), else the first study's selected metrics, else the defaults.
/// </summary>
public sealed class ComparisonTests
{
    private const string Latency = "g/blk0/driver/latency.mean";
    private const string Rate = "g/blk0/driver/requests.perSecond";

    private static ComparedItem Item(string label, params (string Key, ComparedValue Value)[] values) =>
        new(label, label + ".json", values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    [Fact]
    public void Each_item_gets_its_difference_and_relative_difference_from_the_baseline()
    {
        var items = new[]
        {
            Item("a", (Latency, new ComparedValue(5, 2.0, 0.1))),
            Item("b", (Latency, new ComparedValue(5, 2.5, 0.1))),
            Item("c", (Latency, new ComparedValue(5, 1.5, 0.6))),
        };
        var comparison = Comparison.Build(items, new MetricSelection([Latency]), baselineIndex: 0);

        var row = Assert.Single(comparison.Rows);
        Assert.Equal(Latency, row.Key);
        Assert.True(row.Cells[0].IsBaseline);
        Assert.Null(row.Cells[0].Difference);
        Assert.Equal(0.5, row.Cells[1].Difference!.Value, 12);
        Assert.Equal(25.0, row.Cells[1].RelativePercent!.Value, 9);
        Assert.Equal(IntervalOverlap.No, row.Cells[1].Overlap);
        Assert.Equal(-25.0, row.Cells[2].RelativePercent!.Value, 9);
        Assert.Equal(IntervalOverlap.Yes, row.Cells[2].Overlap);
        Assert.True(row.DiffersSignificantly);
        Assert.Equal(1, comparison.SignificantCount);
    }

    [Fact]
    public void The_baseline_can_be_any_item_and_relative_differences_use_its_absolute_mean()
    {
        var items = new[] { Item("a", (Latency, new ComparedValue(1, 1.0, null))), Item("b", (Latency, new ComparedValue(1, -4.0, null))) };
        var comparison = Comparison.Build(items, new MetricSelection([Latency]), baselineIndex: 1);
        Assert.Equal("b", comparison.Baseline.Label);
        var cell = comparison.Rows[0].Cells[0];
        Assert.Equal(5.0, cell.Difference);
        Assert.Equal(125.0, cell.RelativePercent!.Value, 9);
        Assert.Equal(IntervalOverlap.NotApplicable, cell.Overlap);
        Assert.Equal(0, comparison.SignificantCount);
    }

    [Fact]
    public void A_zero_baseline_has_no_relative_difference_unless_there_is_no_difference()
    {
        Assert.Null(ComparisonCell.RelativeDifference(3.0, 0.0));
        Assert.Equal(0.0, ComparisonCell.RelativeDifference(0.0, 0.0));
        Assert.Equal(-50.0, ComparisonCell.RelativeDifference(-1.0, 2.0));
    }

    [Fact]
    public void A_key_missing_in_an_item_leaves_its_entry_empty()
    {
        var items = new[] { Item("a", (Latency, new ComparedValue(1, 1.0, null)), (Rate, new ComparedValue(1, 9, null))), Item("b", (Latency, new ComparedValue(1, 2.0, null))) };
        var comparison = Comparison.Build(items, new MetricSelection(["**/driver/*.*"]), baselineIndex: 0);
        Assert.Equal([Latency, Rate], comparison.Rows.Select(r => r.Key));
        var missing = comparison.Rows[1].Cells[1];
        Assert.Null(missing.Value);
        Assert.Null(missing.Difference);
        Assert.Null(missing.Overlap);
    }

    [Fact]
    public void Fewer_than_two_items_a_baseline_out_of_range_or_no_metric_are_input_errors()
    {
        var one = new[] { Item("a", (Latency, new ComparedValue(1, 1.0, null))) };
        Assert.Contains("at least two", Assert.Throws<ComparisonInputException>(() => Comparison.Build(one, new MetricSelection([]), 0)).Message);
        var two = new[] { one[0], Item("b", (Latency, new ComparedValue(1, 2.0, null))) };
        Assert.Contains("--baseline 2", Assert.Throws<ComparisonInputException>(() => Comparison.Build(two, new MetricSelection([]), 2)).Message);
        var unrelated = new[] { Item("a", ("x/other.count", new ComparedValue(1, 1, null))), Item("b", ("x/other.count", new ComparedValue(1, 1, null))) };
        Assert.Contains("no metric", Assert.Throws<ComparisonInputException>(() => Comparison.Build(unrelated, new MetricSelection([]), 0)).Message);
    }

    [Fact]
    public void Metrics_are_the_patterns_given_else_the_first_studys_selection_else_the_defaults()
    {
        var items = new[] { Item("a", (Latency, new ComparedValue(1, 1.0, null)), (Rate, new ComparedValue(1, 9, null))) };
        var run = new LoadedResults("a.json", false, items, []);
        var study = new LoadedResults("s.json", true, items, [Rate]);

        Assert.Equal([Latency], ComparisonMetrics.Choose(["**/latency.*"], [run, study]).Select(ComparisonMetrics.AllKeys(items)));
        Assert.Equal([Rate], ComparisonMetrics.Choose([], [run, study]).Select(ComparisonMetrics.AllKeys(items)));
        Assert.Equal([Rate, Latency], ComparisonMetrics.Choose([], [run]).Select(ComparisonMetrics.AllKeys(items)));
    }

    [Fact]
    public void A_pattern_matching_nothing_is_an_input_error_naming_it()
    {
        var items = new[] { Item("a", (Latency, new ComparedValue(1, 1.0, null))) };
        var ex = Assert.Throws<ComparisonInputException>(() =>
            ComparisonMetrics.Choose(["**/latency.mean", "**/lantency.p99"], [new LoadedResults("a.json", false, items, [])]));
        Assert.Contains("'**/lantency.p99'", ex.Message);
    }
}
