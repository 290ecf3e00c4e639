using System.Xml.Linq;
using static Sim.Reports.Tests.ChartSamples;

namespace Sim.Reports.Tests;

/// <summary>Small multiples: shared axes, tick labels on the edge panels only, one legend, a cap with a note, stable bytes.</summary>
public sealed class SmallMultiplesTests
{
    private static ChartPanel Panel(string title, double scale, params string[] names) =>
        new(title, names.Select((n, k) => Series(n, SeriesShape.Line, (0, scale * (k + 1)), (1, scale * 2 * (k + 1)), (2, scale * (k + 1)))).ToList());

    private static SmallMultiples Figure(int panels, int? columns = null, params string[] names) => new(
        "fig", "bus bandwidth per VM", new Axis("time", Unit: "s"), new Axis("bandwidth", Unit: "B/s", Bounds: AxisBounds.NonNegative),
        Enumerable.Range(0, panels).Select(i => Panel($"world {i}", Math.Pow(10, i % 3), names.Length == 0 ? ["vm1", "vm2"] : names)).ToList(),
        columns, "series.csv holds every series");

    private static XElement Svg(SmallMultiples figure, int width = 1320) => XElement.Parse(SvgSmallMultiples.Write(figure, width));

    private static List<XElement> Panels(XElement svg) => svg.WithClass("g", "panel").ToList();

    private static List<string> TickLabels(XElement panel, string axis) =>
        panel.WithClass("g", axis).Single().WithClass("text", "tick-label").Select(t => t.Value).ToList();

    [Fact]
    public void Every_panel_has_the_same_x_and_y_range_and_the_same_ticks()
    {
        // Panel values span 1..4, 10..40 and 100..400: every panel's y axis runs to the largest.
        var svg = Svg(Figure(3, columns: 3));
        var panels = Panels(svg);
        Assert.Equal(3, panels.Count);
        Assert.Single(panels.Select(p => (string?)p.Attribute("data-y-range")).Distinct());
        Assert.Single(panels.Select(p => (string?)p.Attribute("data-x-range")).Distinct());
        Assert.Equal("0 400", (string?)panels[0].Attribute("data-y-range"));
        Assert.Equal("0 2", (string?)panels[0].Attribute("data-x-range"));
        // The same grid in every panel, relative to the panel's plot.
        var gridRows = panels.Select(p => p.WithClass("g", "grid").Single().Elements("line")
            .Where(l => (string?)l.Attribute("y1") == (string?)l.Attribute("y2")).Select(l => l.DoubleAttr("y1")).ToList()).ToList();
        Assert.All(gridRows, rows => Assert.Equal(gridRows[0], rows));
        Assert.Equal("400 B/s", TickLabels(panels[0], "y").Last());
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("chart small-multiples", (string?)svg.Attribute("class"));
        Assert.Equal(3 * 2 * 3, svg.IntAttr("data-points"));
        Assert.All(panels, p => Assert.Equal(6, p.IntAttr("data-points")));
    }

    [Fact]
    public void Y_tick_labels_are_on_the_first_column_and_x_tick_labels_on_the_lowest_panel_of_each_column()
    {
        // Five panels in three columns: row 0 holds 0 1 2, row 1 holds 3 4; panel 2 has nothing below it.
        var panels = Panels(Svg(Figure(5, columns: 3)));
        Assert.Equal([true, false, false, true, false], panels.Select(p => TickLabels(p, "y").Count > 0));
        Assert.Equal([false, false, true, true, true], panels.Select(p => TickLabels(p, "x").Count > 0));
        // Every panel still has its tick marks and its own title.
        Assert.All(panels, p => Assert.NotEmpty(p.WithClass("g", "y").Single().WithClass("line", "tick")));
        Assert.Equal(["world 0", "world 1", "world 2", "world 3", "world 4"], panels.Select(p => p.WithClass("text", "panel-title").Single().Value));
    }

    [Fact]
    public void The_axis_titles_are_written_once_for_the_figure()
    {
        var svg = Svg(Figure(6));
        var titles = svg.WithClass("text", "axis-label").ToList();
        Assert.Equal(["time", "bandwidth"], titles.Select(t => t.Value));
        Assert.All(titles, t => Assert.Equal("axis-titles", (string?)t.Parent!.Attribute("class")));
    }

    [Fact]
    public void Without_fixed_columns_a_row_holds_four_panels_at_1320_pixels()
    {
        var tops = Panels(Svg(Figure(6))).Select(p => p.WithClass("text", "panel-title").Single().DoubleAttr("y")).ToList();
        Assert.Equal(4, tops.Count(t => t == tops[0]));
        Assert.True(tops[4] > tops[0]);
    }

    [Fact]
    public void A_lone_panel_keeps_the_width_it_has_in_a_full_row()
    {
        static double PlotWidth(XElement panel)
        {
            var axis = panel.WithClass("g", "x").Single().WithClass("line", "axis-line").Single();
            return axis.DoubleAttr("x2") - axis.DoubleAttr("x1");
        }
        // The panel with the largest values, alone: the same tick labels, so the same margins.
        double lone = PlotWidth(Panels(Svg(Figure(4) with { Panels = [Figure(4).Panels[2]] })).Single());
        Assert.Equal(PlotWidth(Panels(Svg(Figure(4)))[0]), lone);
        Assert.InRange(lone, 220, 320);
    }

    [Fact]
    public void One_legend_names_each_series_once_and_a_name_has_one_colour_in_every_panel()
    {
        var figure = Figure(4, null, "vm1", "vm2", "vm3");
        figure = figure with { Panels = [.. figure.Panels, new ChartPanel("only vm3", [Series("vm3", SeriesShape.Line, (0, 1), (1, 2))])] };
        var svg = Svg(figure);
        Assert.Equal(["vm1", "vm2", "vm3"], svg.WithClass("g", "legend-entry").Select(e => (string?)e.Attribute("data-series")));
        var colours = svg.WithClass("path", "series").GroupBy(p => (string?)p.Attribute("data-series"))
            .ToDictionary(g => g.Key!, g => g.Select(p => (string?)p.Attribute("stroke")).Distinct().ToList());
        Assert.All(colours.Values, c => Assert.Single(c));
        Assert.Equal(3, colours.Values.Select(c => c[0]).Distinct().Count());
    }

    [Fact]
    public void A_single_series_name_needs_no_legend()
    {
        Assert.Empty(Svg(Figure(3, null, "bus level")).WithClass("g", "legend"));
    }

    [Fact]
    public void Coinciding_series_are_noted_once_with_the_panel_they_are_in()
    {
        var same = new ChartPanel("twins", [Series("a", SeriesShape.Line, (0, 1), (1, 2)), Series("b", SeriesShape.Line, (0, 1), (1, 2))]);
        var other = new ChartPanel("apart", [Series("a", SeriesShape.Line, (0, 1), (1, 2)), Series("b", SeriesShape.Line, (0, 3), (1, 2))]);
        var svg = Svg(new SmallMultiples("f", "t", new Axis("x"), new Axis("y"), [same, other]));
        var note = Assert.Single(svg.WithClass("text", "legend-note"));
        Assert.Contains("2 series coincide", note.Value);
        Assert.EndsWith("(in twins)", note.Value);
    }

    [Fact]
    public void Past_the_cap_panels_are_omitted_and_the_caption_says_how_many()
    {
        var figure = Figure(SmallMultiples.MaxPanels + 6);
        Assert.Equal(SmallMultiples.MaxPanels, Panels(Svg(figure)).Count);
        Assert.Equal(6, figure.Omitted);
        Assert.Equal("The first 48 of 54 panels are drawn; 6 are omitted (series.csv holds every series).", figure.OmittedText);
        Assert.Null(Figure(SmallMultiples.MaxPanels).OmittedText);

        string page = HtmlReport.Write(new ReportDocument("r", null, [new ReportSection("s", [new SmallMultiplesBlock(figure)])]));
        Assert.Contains("<figure class=\"chart-figure multiples\">", page);
        Assert.Contains("<figcaption>bus bandwidth per VM. The first 48 of 54 panels are drawn; 6 are omitted (series.csv holds every series).</figcaption>", page);
        Assert.Contains($"viewBox=\"0 0 {HtmlReport.FigureWidth} ", page);
    }

    [Fact]
    public void The_same_figure_gives_the_same_bytes()
    {
        Assert.Equal(SvgSmallMultiples.Write(Figure(7, 3)), SvgSmallMultiples.Write(Figure(7, 3)));
        var report = new ReportDocument("r", null, [new ReportSection("s", [new SmallMultiplesBlock(Figure(30))])]);
        Assert.Equal(HtmlReport.Write(report), HtmlReport.Write(report));
    }

    [Fact]
    public void A_panel_with_nothing_drawable_says_no_data_and_the_others_still_draw()
    {
        var figure = new SmallMultiples("f", "t", new Axis("x"), new Axis("y"),
            [new ChartPanel("empty", [Series("s", SeriesShape.Line, (double.NaN, 1))]), Panel("full", 1, "s")]);
        var panels = Panels(Svg(figure));
        Assert.Single(panels[0].WithClass("text", "no-data"));
        Assert.Empty(panels[1].WithClass("text", "no-data"));
        Assert.Equal(3, panels[1].IntAttr("data-points"));
    }
}
