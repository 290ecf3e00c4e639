using System.Xml.Linq;
using static Sim.Reports.Tests.ChartSamples;

namespace Sim.Reports.Tests;

/// <summary>The SVG DOM contract: root attributes, one path per series, markers, bands, axes, legend, skipping and thinning.</summary>
public sealed class SvgChartTests
{
    [Fact]
    public void The_root_carries_the_chart_id_the_point_count_a_viewbox_and_a_fluid_width()
    {
        var svg = Svg(Single(Series("s", SeriesShape.LineWithPoints, (0, 1), (1, 2), (2, 3))));
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("chart", (string?)svg.Attribute("class"));
        Assert.Equal("c1", (string?)svg.Attribute("data-chart-id"));
        Assert.Equal(3, svg.IntAttr("data-points"));
        Assert.Equal("0 0 720 400", (string?)svg.Attribute("viewBox"));
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.Contains("max-width:720px", (string?)svg.Attribute("style"));
        Assert.StartsWith("<svg class=\"chart\" data-chart-id=\"c1\" data-points=\"3\" viewBox=\"0 0 720 400\"", SvgChart.Write(Single(Series("s", SeriesShape.LineWithPoints, (0, 1), (1, 2), (2, 3)))));
    }

    [Fact]
    public void A_step_series_is_a_horizontal_then_vertical_staircase()
    {
        // x 0..2 → pixels 64..550; y 1..3 (min 1 > 30% of 3, so no zero) → pixels 352..40.
        var svg = Svg(Single(Series("s", SeriesShape.Step, (0, 1), (1, 3), (2, 2))));
        var path = svg.WithClass("path", "series").Single();
        Assert.Equal("M 64.00 352.00 H 307.00 V 40.00 H 550.00 V 196.00", (string?)path.Attribute("d"));
        Assert.Equal(3, path.IntAttr("data-points"));
        Assert.Empty(svg.WithClass("circle", "point"));
    }

    [Fact]
    public void A_line_with_points_has_one_marker_per_point_with_a_tooltip()
    {
        var series = new ChartSeries("lat", [new ChartPoint(1, 10), new ChartPoint(2, 20, 15, 25.5)]);
        var svg = Svg(Single(series));
        var path = svg.WithClass("path", "series").Single();
        Assert.Equal(2, ChartSamples.Vertices((string)path.Attribute("d")!).Count);
        Assert.StartsWith("M ", (string?)path.Attribute("d"));
        Assert.Contains(" L ", (string?)path.Attribute("d"));
        var titles = svg.WithClass("circle", "point").Select(c => c.Element("title")!.Value).ToArray();
        Assert.Equal(["lat: 1, 10", "lat: 2, 20 [15 – 25.5]"], titles);
        Assert.Equal("lat", path.Element("title")!.Value);
    }

    [Fact]
    public void A_single_point_series_still_has_a_path_and_a_marker()
    {
        var svg = Svg(Single(Series("one", SeriesShape.Line, (5, 5))));
        var path = svg.WithClass("path", "series").Single();
        Assert.Matches(@"^M \d+\.\d\d \d+\.\d\d$", (string)path.Attribute("d")!);
        Assert.Equal(1, path.IntAttr("data-points"));
        Assert.Single(svg.WithClass("circle", "point"));
    }

    [Fact]
    public void Names_with_markup_characters_are_escaped_everywhere()
    {
        const string name = "a<b>&\"c'";
        var chart = new Chart("id", "T<&>\"'", new Axis("x <ms>"), new Axis("y & z"), [Series(name, SeriesShape.LineWithPoints, (0, 1), (1, 2))]);
        string text = SvgChart.Write(chart);
        Assert.Contains("data-series=\"a&lt;b&gt;&amp;&quot;c&#39;\"", text);
        Assert.DoesNotContain(name, text);
        Assert.DoesNotContain("<ms>", text);
        var svg = XElement.Parse(text);
        Assert.Equal(name, (string?)svg.WithClass("path", "series").Single().Attribute("data-series"));
        Assert.Equal("T<&>\"'", svg.WithClass("text", "title").Single().Value);
        Assert.Contains(svg.Descendants("text"), t => t.Value == "x <ms>");
    }

    [Fact]
    public void Nan_and_infinite_points_are_neither_drawn_nor_counted_and_break_the_line()
    {
        var a = Series("a", SeriesShape.LineWithPoints, (0, 1), (1, double.NaN), (2, 3), (3, 4));
        var b = Series("b", SeriesShape.Line, (double.PositiveInfinity, 1), (1, 2), (2, double.NegativeInfinity));
        var svg = Svg(new Chart("c", "t", new Axis("x"), new Axis("y"), [a, b]));
        Assert.Equal(4, svg.IntAttr("data-points"));
        var paths = svg.WithClass("path", "series").ToArray();
        Assert.Equal([3, 1], paths.Select(p => p.IntAttr("data-points")).ToArray());
        Assert.Equal(2, ChartSamples.Count((string)paths[0].Attribute("d")!, "M "));
        Assert.Equal(3, svg.WithClass("circle", "point").Count(c => (string?)c.Attribute("data-series") == "a"));
    }

    [Fact]
    public void Non_positive_values_on_a_log_axis_are_skipped()
    {
        var series = Series("s", SeriesShape.LineWithPoints, (1, 0), (2, -5), (3, 10), (4, 100));
        var svg = Svg(Single(series, y: new Axis("y", AxisScale.Log)));
        Assert.Equal(2, svg.IntAttr("data-points"));
        Assert.DoesNotContain("NaN", svg.ToString());
        Assert.DoesNotContain("Infinity", svg.ToString());
    }

    [Fact]
    public void A_chart_without_drawable_points_shows_axes_title_and_no_data()
    {
        var chart = new Chart("empty", "Nothing", new Axis("x"), new Axis("y"),
            [Series("s", SeriesShape.Line, (double.NaN, 1)), new ChartSeries("t", [])]);
        var svg = Svg(chart);
        Assert.Equal(0, svg.IntAttr("data-points"));
        Assert.Equal("no data", svg.WithClass("text", "no-data").Single().Value);
        Assert.Single(svg.WithClass("g", "x"));
        Assert.Single(svg.WithClass("g", "y"));
        Assert.Equal("Nothing", svg.WithClass("text", "title").Single().Value);
        Assert.All(svg.WithClass("path", "series"), p => Assert.Null(p.Attribute("d")));
        Assert.Equal(2, svg.WithClass("path", "series").Count());
    }

    [Fact]
    public void Bands_are_drawn_first_and_only_when_a_point_has_low_or_high()
    {
        var plain = Svg(Single(Series("s", SeriesShape.LineWithPoints, (0, 1), (1, 2))));
        Assert.Empty(plain.WithClass("path", "band"));

        var banded = new ChartSeries("s", [new ChartPoint(0, 1, 0.5, 1.5), new ChartPoint(1, 2, 1.5, 2.5), new ChartPoint(2, 3, 2, 4)]);
        var svg = Svg(Single(banded));
        var band = svg.WithClass("path", "band").Single();
        Assert.Equal("0.2", (string?)band.Attribute("fill-opacity"));
        Assert.EndsWith(" Z", (string)band.Attribute("d")!);
        Assert.Equal(6, ChartSamples.Vertices((string)band.Attribute("d")!).Count);
        var paths = svg.Descendants("path").ToList();
        Assert.True(paths.IndexOf(band) < paths.IndexOf(svg.WithClass("path", "series").Single()));
        Assert.Equal((string?)svg.WithClass("path", "series").Single().Attribute("stroke"), (string?)band.Attribute("fill"));
    }

    [Fact]
    public void Bands_widen_the_value_axis()
    {
        var banded = new ChartSeries("s", [new ChartPoint(0, 10, 5, 100), new ChartPoint(1, 12, 8, 90)]);
        var labels = Svg(Single(banded)).WithClass("g", "y").Single().Elements("text").Select(t => t.Value).ToArray();
        Assert.Contains("100", labels);
        Assert.Contains("0", labels);
    }

    [Fact]
    public void Axes_have_tick_labels_and_their_label_and_categorical_axes_show_category_names()
    {
        var chart = new Chart("c", "t", new Axis("variant", Categories: ["icc", "top", "<naive>"]), new Axis("power (mW)"),
            [Series("s", SeriesShape.LineWithPoints, (0, 97), (1, 50), (2, 10))]);
        var svg = Svg(chart);
        var x = svg.WithClass("g", "x").Single();
        Assert.Equal(["icc", "top", "<naive>"], x.WithClass("text", "tick-label").Select(t => t.Value).ToArray());
        Assert.Equal("variant", x.WithClass("text", "axis-label").Single().Value);
        var y = svg.WithClass("g", "y").Single();
        Assert.Equal(["0", "20", "40", "60", "80", "100"], y.WithClass("text", "tick-label").Select(t => t.Value).ToArray());
        Assert.Equal(3, x.WithClass("line", "tick").Count());
    }

    [Fact]
    public void The_legend_has_one_entry_per_series_in_palette_order_outside_the_plot()
    {
        var series = Enumerable.Range(0, 10).Select(i => Series("series " + i, SeriesShape.Line, (0, i), (1, i + 1))).ToArray();
        var svg = Svg(new Chart("c", "t", new Axis("x"), new Axis("y"), series));
        var entries = svg.WithClass("g", "legend").Single().WithClass("g", "legend-entry").ToArray();
        Assert.Equal(series.Select(s => s.Name), entries.Select(e => (string)e.Attribute("data-series")!));
        string Stroke(XElement e) => e.Element("line")!.Attribute("stroke")!.Value;
        Assert.Equal(Stroke(entries[0]), Stroke(entries[8]));
        Assert.NotEqual(Stroke(entries[0]), Stroke(entries[1]));
        Assert.All(entries, e => Assert.True(e.Element("line")!.DoubleAttr("x1") > 550, "legend right of the plot (x > 550)"));
    }

    [Fact]
    public void Past_eight_series_a_colour_comes_back_with_a_dash_pattern_so_no_two_series_look_alike()
    {
        var series = Enumerable.Range(0, 20).Select(i => Series("s" + i, SeriesShape.Line, (0, i), (1, i + 1))).ToArray();
        var paths = Svg(new Chart("c", "t", new Axis("x"), new Axis("y"), series)).WithClass("path", "series").ToArray();
        var looks = paths.Select(p => $"{p.Attribute("stroke")!.Value} {(string?)p.Attribute("stroke-dasharray")}").ToArray();
        Assert.Equal(20, looks.Distinct().Count());
        Assert.Null(paths[0].Attribute("stroke-dasharray"));
        Assert.NotNull(paths[8].Attribute("stroke-dasharray"));
    }

    [Fact]
    public void Too_many_series_for_the_side_put_the_legend_below_the_plot_and_long_names_wrap_uncut()
    {
        string longName = string.Join(" ", Enumerable.Repeat("word", 40));
        var series = Enumerable.Range(0, 30).Select(i => Series(i == 0 ? longName : "s" + i, SeriesShape.Line, (0, i), (1, i))).ToArray();
        var svg = Svg(new Chart("c", "t", new Axis("x"), new Axis("y"), series));
        var entries = svg.WithClass("g", "legend-entry").ToArray();
        Assert.Equal(30, entries.Length);
        double plotBottom = svg.WithClass("g", "x").Single().WithClass("line", "axis-line").Single().DoubleAttr("y1");
        Assert.All(entries, e => Assert.True(e.Element("line")!.DoubleAttr("y1") > plotBottom));
        double height = double.Parse(((string)svg.Attribute("viewBox")!).Split(' ')[3]);
        Assert.All(entries, e => Assert.True(e.Element("text")!.DoubleAttr("y") + 15 * e.Element("text")!.Elements("tspan").Count() <= height));
        Assert.Equal(longName, string.Join(" ", entries[0].Element("text")!.DescendantNodes().OfType<XText>().Select(t => t.Value)));
        Assert.DoesNotContain("…", svg.ToString());
    }

    [Fact]
    public void Identical_series_are_named_in_a_legend_note_and_take_turns_along_their_line()
    {
        var same = Enumerable.Range(0, 4).Select(i => Series("policy" + i, SeriesShape.LineWithPoints, (0, 54), (1, 54))).ToList();
        same.Add(Series("other", SeriesShape.LineWithPoints, (0, 3), (1, 4)));
        var svg = Svg(new Chart("c", "t", new Axis("x"), new Axis("misses"), same));
        var note = svg.WithClass("text", "legend-note").Single();
        Assert.Contains("4 series coincide", note.Value);
        Assert.Contains("policy0, policy1, policy2, policy3", string.Concat(note.DescendantNodes().OfType<XText>().Select(t => t.Value + " ")).Replace("  ", " "));
        var paths = svg.WithClass("path", "series").ToArray();
        Assert.Equal(4, paths.Take(4).Select(p => (string?)p.Attribute("stroke-dashoffset")).Distinct().Count());
        Assert.All(paths.Take(4), p => Assert.Equal("6.00 18.00", (string?)p.Attribute("stroke-dasharray")));
        Assert.Null(paths[4].Attribute("data-coincides"));
        Assert.Equal("policy0, policy2, policy3", (string?)paths[1].Attribute("data-coincides"));
    }

    [Fact]
    public void A_long_title_wraps_and_the_y_title_clears_the_widest_tick_label()
    {
        string title = string.Join(" ", Enumerable.Repeat("vote-rate-limit-flooding", 6));
        var chart = new Chart("c", title, new Axis("x"), new Axis("latency", Unit: "s"),
            [Series("s", SeriesShape.LineWithPoints, (0, 0.000351), (1, 0.00012345))]);
        var svg = Svg(chart);
        var titleText = svg.WithClass("text", "title").Single();
        Assert.NotEmpty(titleText.Elements("tspan"));
        Assert.Equal(title.Replace(" ", ""), string.Concat(titleText.DescendantNodes().OfType<XText>().Select(t => t.Value)).Replace(" ", ""));
        var y = svg.WithClass("g", "y").Single();
        double plotLeft = y.WithClass("line", "axis-line").Single().DoubleAttr("x1");
        double widest = y.WithClass("text", "tick-label").Max(t => TextMetrics.Width(t.Value, 12));
        double titleBaseline = y.WithClass("text", "axis-label").Single().DoubleAttr("y");
        Assert.True(titleBaseline + 3 < plotLeft - 8 - widest, $"y title at {titleBaseline}, tick labels from {plotLeft - 8 - widest}");
        Assert.True(titleBaseline - 10 >= 0, "y title inside the viewBox");
    }

    [Fact]
    public void Writing_twice_gives_the_same_text()
    {
        var series = new ChartSeries("s", Enumerable.Range(0, 500).Select(i => new ChartPoint(i * 0.37, Math.Sin(i / 10.0), Math.Sin(i / 10.0) - 0.1, null)).ToArray(), SeriesShape.Line);
        var chart = Single(series);
        Assert.Equal(SvgChart.Write(chart), SvgChart.Write(chart));
    }

    [Fact]
    public void A_dense_series_is_thinned_to_pixel_columns_but_keeps_its_extremes()
    {
        const int n = 20_000;
        var points = Enumerable.Range(0, n).Select(i => new ChartPoint(i, i == 12_345 ? 1000 : Math.Sin(i / 50.0))).ToArray();
        var chart = Single(new ChartSeries("dense", points, SeriesShape.Line));
        string text = SvgChart.Write(chart);
        var svg = XElement.Parse(text);
        var path = svg.WithClass("path", "series").Single();
        int drawn = path.IntAttr("data-points");
        Assert.InRange(drawn, 2, 4 * (550 - 64 + 1));
        Assert.Equal(drawn, svg.IntAttr("data-points"));
        var vertices = ChartSamples.Vertices((string)path.Attribute("d")!);
        Assert.Equal(drawn, vertices.Count);
        Assert.Contains(vertices, v => v.Y == 40.00); // the spike to 1000 survives thinning at the top of the plot
        Assert.True(text.Length < 150_000, $"output is {text.Length} characters");
    }

    [Fact]
    public void A_dense_line_with_points_series_is_not_thinned()
    {
        var points = Enumerable.Range(0, 3000).Select(i => new ChartPoint(i, i % 7)).ToArray();
        var svg = Svg(Single(new ChartSeries("s", points)));
        Assert.Equal(3000, svg.IntAttr("data-points"));
        Assert.Equal(3000, svg.WithClass("circle", "point").Count());
    }

    [Theory]
    [InlineData(AxisScale.Linear)]
    [InlineData(AxisScale.Log)]
    public void Extreme_magnitudes_still_give_finite_coordinates(AxisScale scale)
    {
        var series = Series("s", SeriesShape.LineWithPoints, (1e-300, 1e-300), (1, 1), (1e300, double.MaxValue));
        var chart = Single(series, new Axis("x", scale), new Axis("y", scale));
        var svg = Svg(chart);
        Assert.Equal(3, svg.IntAttr("data-points"));
        Assert.DoesNotContain("NaN", svg.ToString());
        Assert.DoesNotContain("∞", svg.ToString());
        Assert.All(svg.WithClass("circle", "point"), c => Assert.InRange(c.DoubleAttr("cy"), 40, 352));
    }

    [Fact]
    public void Tiny_sizes_are_rejected()
    {
        var chart = Single(Series("s", SeriesShape.Line, (0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgChart.Write(chart, 10, 400));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgChart.Write(chart, 720, 10));
    }

    [Fact]
    public void The_palette_is_okabe_ito_and_cycles()
    {
        var colours = Enumerable.Range(0, Palette.Count).Select(Palette.Colour).ToArray();
        Assert.Equal(8, colours.Distinct().Count());
        Assert.Contains("#E69F00", colours);
        Assert.Contains("#56B4E9", colours);
        Assert.Equal(Palette.Colour(0), Palette.Colour(Palette.Count));
    }
}
