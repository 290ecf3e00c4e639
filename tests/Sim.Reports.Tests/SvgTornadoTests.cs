using System.Xml.Linq;

namespace Sim.Reports.Tests;

/// <summary>The tornado chart's SVG: a pair of bars per input from the baseline, in order, and a scatter series drawn as markers only.</summary>
public sealed class SvgTornadoTests
{
    [Fact]
    public void Each_input_has_a_low_and_a_high_bar_that_start_at_the_baseline_and_reach_its_figures()
    {
        var chart = new Tornado("t1", "latency.mean", "s", 10e-6, [new TornadoBar("big", 5e-6, 20e-6), new TornadoBar("small", 9e-6, 11e-6)]);
        var svg = XElement.Parse(SvgTornado.Write(chart));
        Assert.Equal("t1", (string?)svg.Attribute("data-chart-id"));
        var bars = svg.Elements("rect").Where(r => ((string?)r.Attribute("class") ?? "").StartsWith("bar", StringComparison.Ordinal)).ToList();
        Assert.Equal(["bar low", "bar high", "bar low", "bar high"], bars.Select(b => (string?)b.Attribute("class")));
        double X(XElement r, bool right) => double.Parse((string)r.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)
            + (right ? double.Parse((string)r.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) : 0);
        var baseline = svg.Elements("line").Single(l => (string?)l.Attribute("class") == "baseline");
        double baseX = double.Parse((string)baseline.Attribute("x1")!, System.Globalization.CultureInfo.InvariantCulture);
        // The low bar of "big" ends at the baseline (it goes left), its high bar starts there (it goes right), and
        // the wider input's bars are longer than the narrower one's.
        Assert.Equal(baseX, X(bars[0], right: true), 1);
        Assert.Equal(baseX, X(bars[1], right: false), 1);
        Assert.True(X(bars[1], true) - X(bars[1], false) > 4 * (X(bars[3], true) - X(bars[3], false)));
        Assert.Contains("big at the low end of its range: 5", bars[0].Value);
        Assert.Equal(["big", "small"], svg.Elements("text").Where(t => (string?)t.Attribute("class") == "label").Select(t => t.Value));
    }

    [Fact]
    public void A_points_series_draws_markers_and_no_line()
    {
        var chart = new Chart("c", "scatter", new Axis("x"), new Axis("y"), [new ChartSeries("samples", [new ChartPoint(1, 2), new ChartPoint(2, 1), new ChartPoint(3, 3)], SeriesShape.Points)]);
        string svg = SvgChart.Write(chart);
        var root = XElement.Parse(svg);
        var path = root.Descendants().Single(e => (string?)e.Attribute("class") == "series");
        Assert.Equal("none", (string?)path.Attribute("stroke"));
        Assert.Equal(3, root.Descendants("circle").Count(e => (string?)e.Attribute("class") == "point"));
    }
}
