using static Sim.Reports.Tests.ChartSamples;

namespace Sim.Reports.Tests;

/// <summary>Axes of quantities: every tick label carries the SI-prefixed unit, tooltips too, and bands stop at physical bounds.</summary>
public sealed class UnitAxisTests
{
    [Fact]
    public void Linear_ticks_of_a_quantity_share_one_prefix_and_carry_the_unit()
    {
        var layout = AxisTicks.Linear(0, 0.00035, "s");
        Assert.Equal(["0 µs", "50 µs", "100 µs", "150 µs", "200 µs", "250 µs", "300 µs", "350 µs"], layout.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void Fine_steps_get_decimals_at_the_axis_prefix()
    {
        var layout = AxisTicks.Linear(1.2, 1.5, "J");
        Assert.All(layout.Ticks, t => Assert.EndsWith(" J", t.Label));
        Assert.Contains("1.25 J", layout.Ticks.Select(t => t.Label));
        Assert.Equal(layout.Ticks.Count, layout.Ticks.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void Log_ticks_of_a_quantity_each_take_their_own_prefix()
    {
        var layout = AxisTicks.Log(1e-5, 2e-2, "s");
        Assert.Equal(["10 µs", "100 µs", "1 ms", "10 ms", "100 ms"], layout.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void The_axis_group_names_its_unit_and_tooltips_show_it()
    {
        var chart = Single(Series("s", SeriesShape.LineWithPoints, (0, 0.000351234), (1, 0.0002)), y: new Axis("latency", Unit: "s"));
        var svg = Svg(chart);
        Assert.Equal("s", (string?)svg.WithClass("g", "y").Single().Attribute("data-unit"));
        Assert.Null(svg.WithClass("g", "x").Single().Attribute("data-unit"));
        Assert.All(svg.WithClass("g", "y").Single().WithClass("text", "tick-label"), t => Assert.EndsWith("s", t.Value));
        Assert.Contains("s: 0, 351.234 µs", svg.WithClass("circle", "point").Select(c => c.Element("title")!.Value));
    }

    [Fact]
    public void A_band_below_zero_is_clipped_at_a_non_negative_bound_and_a_fraction_at_one()
    {
        var banded = new ChartSeries("s", [new ChartPoint(0, 1, -3, 5), new ChartPoint(1, 2, -1, 5)]);
        var clipped = Svg(Single(banded, y: new Axis("misses", Bounds: AxisBounds.NonNegative)));
        var labels = clipped.WithClass("g", "y").Single().WithClass("text", "tick-label").Select(t => t.Value).ToArray();
        Assert.Equal("0", labels[0]);
        Assert.DoesNotContain(labels, l => l.StartsWith('-'));
        Assert.Equal((0.7, 1.0), SeriesGeometry.BandEdges(new ChartPoint(0, 0.9, 0.7, 1.2), new Axis("f", Bounds: AxisBounds.Fraction)));
    }

    [Fact]
    public void A_count_that_is_zero_everywhere_gets_an_axis_from_zero_up()
    {
        var svg = Svg(Single(Series("misses", SeriesShape.LineWithPoints, (0, 0), (1, 0)), y: new Axis("misses", Bounds: AxisBounds.NonNegative)));
        var labels = svg.WithClass("g", "y").Single().WithClass("text", "tick-label").Select(t => t.Value).ToArray();
        Assert.Equal("0", labels[0]);
        Assert.DoesNotContain(labels, l => l.StartsWith('-'));
    }
}
