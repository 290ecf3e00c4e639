using System.Globalization;
using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws a <see cref="SmallMultiples"/> figure as one inline SVG element, laid out by <see cref="MultiplesLayout"/>.
/// Both axes are resolved once from the values of every drawn panel (<see cref="AxisDomain"/>), so every panel has the
/// same ranges and ticks. DOM contract, relied on by browser tests:
/// <list type="bullet">
/// <item>root <c>&lt;svg class="chart small-multiples" data-chart-id="{Id}" data-points="{N}" …&gt;</c> as for
/// <see cref="SvgChart"/>, N counted over all panels;</item>
/// <item><c>&lt;text class="title"&gt;</c>, then the shared <c>&lt;g class="legend"&gt;</c> (see <see cref="SvgLegend"/>)
/// unless there is a single series name and no note;</item>
/// <item>one <c>&lt;g class="panel" data-panel="{i}" data-points="{n}" data-x-range="{min} {max}"
/// data-y-range="{min} {max}"&gt;</c> per drawn panel (ranges in round-trip invariant notation), holding
/// <c>&lt;text class="panel-title"&gt;</c>, its grid, <c>g.axis.x</c> and <c>g.axis.y</c> as <see cref="SvgAxes"/> draws
/// them (tick labels only on the first column and the lowest panel of each column, no axis titles), its series as
/// <see cref="SvgSeries"/> draws them, and <c>text.no-data</c> when it draws nothing;</item>
/// <item><c>&lt;g class="axis-titles"&gt;</c> with the two axis titles, once for the figure.</item>
/// </list>
/// The same figure gives the same bytes.
/// </summary>
public static class SvgSmallMultiples
{
    /// <summary>The width a panel (its plot and the gap after it) is laid out at when the figure does not fix its columns.</summary>
    public const int PanelWidth = 320;

    /// <summary>The smallest width accepted.</summary>
    public const int MinWidth = 320;

    /// <summary>The SVG element for <paramref name="figure"/>, <paramref name="width"/> pixels wide (its height follows from its rows).</summary>
    public static string Write(SmallMultiples figure, int width = 1320)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinWidth);
        var panels = figure.Shown;

        var xExtent = new SvgChart.Extent();
        var yExtent = new SvgChart.Extent();
        foreach (var s in panels.SelectMany(p => p.Series ?? [])) SvgChart.Measure(s, figure.X, figure.Y, ref xExtent, ref yExtent);
        var xAxis = AxisDomain.Resolve(figure.X, xExtent.Any, xExtent.Min, xExtent.Max, preferZero: false);
        var yAxis = AxisDomain.Resolve(figure.Y, yExtent.Any, yExtent.Min, yExtent.Max, preferZero: true);

        var legend = new SharedLegend(panels);
        var styles = panels.Select(p => legend.StylesOf(p.Series ?? [])).ToList();
        var notes = SharedLegend.Notes(panels.Select((p, i) => (p.Title ?? "", SvgLegend.Notes(p.Series ?? [], styles[i]))));
        var layout = MultiplesLayout.For(width, figure.Title, panels.Select(p => p.Title ?? "").ToList(), figure.Columns, PanelWidth,
            SvgAxes.WidestLabel(yAxis), SvgAxes.WidestLabel(xAxis), legend.Names, notes);

        var drawn = new List<(PanelPlacement Place, AxisMapping X, AxisMapping Y, SeriesGeometry[] Geometries, int Points)>(panels.Count);
        int total = 0;
        for (int i = 0; i < panels.Count; i++)
        {
            var place = layout.Panels[i];
            var x = new AxisMapping(xAxis, place.Plot.Left, place.Plot.Right);
            var y = new AxisMapping(yAxis, place.Plot.Bottom, place.Plot.Top);
            var geometries = (panels[i].Series ?? []).Select(s => SeriesGeometry.Of(s, figure.X, figure.Y, x, y)).ToArray();
            int points = geometries.Sum(g => g.DrawnPoints);
            total += points;
            drawn.Add((place, x, y, geometries, points));
        }

        var sb = new StringBuilder(8192 + total * 40);
        SvgChart.Open(sb, figure.Id, figure.Title, total, layout.Width, layout.Height, "chart small-multiples");
        SvgChart.AppendTitle(sb, figure.Title, layout.TitleLines, layout.Width);
        if (layout.Legend is { } placed) SvgLegend.Append(sb, placed, legend.Entries, legend.Styles);
        for (int i = 0; i < drawn.Count; i++)
        {
            var (place, x, y, geometries, points) = drawn[i];
            sb.Append("<g class=\"panel\" data-panel=\"").Append(NumberFormat.Int(i))
                .Append("\" data-points=\"").Append(NumberFormat.Int(points))
                .Append("\" data-x-range=\"").Append(Range(xAxis)).Append("\" data-y-range=\"").Append(Range(yAxis)).Append("\">\n");
            AppendPanelTitle(sb, place);
            SvgAxes.Append(sb, place.Plot, figure.X, figure.Y, x, y, layout.YTitleBaseline, new SvgAxes.Text(place.XTicks, place.YTicks, Titles: false));
            SvgSeries.Append(sb, geometries, styles[i], figure.X, figure.Y);
            if (points == 0) SvgChart.AppendNoData(sb, place.Plot);
            sb.Append("</g>\n");
        }
        SvgAxes.OpenText(sb, "axis-titles");
        SvgAxes.AppendXTitle(sb, figure.X, (layout.Grid.Left + layout.Grid.Right) / 2, layout.Grid.Bottom);
        SvgAxes.AppendYTitle(sb, figure.Y, layout.Grid.Top, layout.Grid.Bottom, layout.YTitleBaseline);
        sb.Append("</g>\n</svg>");
        return sb.ToString();
    }

    /// <summary>The panel's title, centred over its plot.</summary>
    private static void AppendPanelTitle(StringBuilder sb, PanelPlacement place)
    {
        double centre = (place.Plot.Left + place.Plot.Right) / 2;
        sb.Append("<text class=\"panel-title\" x=\"").Append(NumberFormat.Coord(centre))
            .Append("\" y=\"").Append(NumberFormat.Coord(place.TitleBaseline)).Append("\" text-anchor=\"middle\" font-weight=\"600\" fill=\"#222222\">");
        SvgText.AppendLines(sb, place.TitleLines, centre, MultiplesLayout.PanelTitleLineHeight);
        sb.Append("</text>\n");
    }

    private static string Range(AxisLayout axis) =>
        axis.Min.ToString("R", CultureInfo.InvariantCulture) + " " + axis.Max.ToString("R", CultureInfo.InvariantCulture);
}
