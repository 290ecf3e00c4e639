using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws a <see cref="Chart"/> as an inline SVG element (no <c>xmlns</c>, so the page holds no URL; add one to use the
/// output as a standalone file). DOM contract, relied on by browser tests:
/// <list type="bullet">
/// <item>root <c>&lt;svg class="chart" data-chart-id="{Id}" data-points="{N}" viewBox="0 0 W H" width="100%" …&gt;</c>,
/// N the number of vertices drawn over all series;</item>
/// <item>bands first, one <c>&lt;path class="band" data-series="…"&gt;</c> per unbroken banded run, fill-opacity 0.2;</item>
/// <item>one <c>&lt;path class="series" data-series="{name}" data-points="{n}" d="…"&gt;</c> per series (no <c>d</c>
/// when nothing of it is drawable);</item>
/// <item>for LineWithPoints series, and any series with a single drawn point, one
/// <c>&lt;circle class="point"&gt;</c> per point with a <c>&lt;title&gt;</c> "series: x, y [low – high]";</item>
/// <item><c>&lt;g class="axis x"&gt;</c>, <c>&lt;g class="axis y"&gt;</c>, <c>&lt;text class="title"&gt;</c>,
/// <c>&lt;g class="legend"&gt;</c> (one entry per series), and <c>&lt;text class="no-data"&gt;</c> when N is 0.</item>
/// </list>
/// Skipped points (see <see cref="AxisDomain"/>) break the line. Line and Step series of more than
/// <see cref="SeriesGeometry.ThinningThreshold"/> points keep at most four vertices per pixel column.
/// </summary>
public static class SvgChart
{
    /// <summary>The smallest width accepted.</summary>
    public const int MinWidth = 200;

    /// <summary>The smallest height accepted.</summary>
    public const int MinHeight = 150;

    private const string FontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";
    private const double MarkerRadius = 3;

    /// <summary>
    /// The SVG element for <paramref name="chart"/>, <paramref name="width"/> by <paramref name="height"/> pixels
    /// (at least <see cref="MinWidth"/> × <see cref="MinHeight"/>; the height grows when a legend below the plot needs it).
    /// </summary>
    public static string Write(Chart chart, int width = 720, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinHeight);
        var series = chart.Series ?? [];
        var layout = ChartLayout.For(width, height, series.Count);

        var xExtent = new Extent();
        var yExtent = new Extent();
        foreach (var s in series) Measure(s, chart, ref xExtent, ref yExtent);
        var xAxis = AxisDomain.Resolve(chart.X, xExtent.Any, xExtent.Min, xExtent.Max, preferZero: false);
        var yAxis = AxisDomain.Resolve(chart.Y, yExtent.Any, yExtent.Min, yExtent.Max, preferZero: true);
        var x = new AxisMapping(xAxis, layout.PlotLeft, layout.PlotRight);
        var y = new AxisMapping(yAxis, layout.PlotBottom, layout.PlotTop);

        var geometries = new SeriesGeometry[series.Count];
        int total = 0;
        for (int i = 0; i < geometries.Length; i++)
        {
            geometries[i] = SeriesGeometry.Of(series[i], chart.X, chart.Y, x, y);
            total += geometries[i].DrawnPoints;
        }

        var sb = new StringBuilder(4096 + total * 40);
        sb.Append("<svg class=\"chart\" data-chart-id=\"").AppendEscaped(chart.Id)
            .Append("\" data-points=\"").Append(NumberFormat.Int(total))
            .Append("\" viewBox=\"0 0 ").Append(NumberFormat.Int(layout.Width)).Append(' ').Append(NumberFormat.Int(layout.Height))
            .Append("\" width=\"100%\" style=\"max-width:").Append(NumberFormat.Int(layout.Width)).Append("px;height:auto\"")
            .Append(" role=\"img\" aria-label=\"").AppendEscaped(chart.Title)
            .Append("\" font-family=\"").Append(FontFamily).Append("\" font-size=\"12\">\n");
        sb.Append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").Append(NumberFormat.Int(layout.Width))
            .Append("\" height=\"").Append(NumberFormat.Int(layout.Height)).Append("\" fill=\"#ffffff\"/>\n");
        AppendTitle(sb, chart.Title, layout);
        SvgAxes.Append(sb, layout, chart, x, y);

        for (int i = 0; i < geometries.Length; i++) AppendBands(sb, geometries[i], Palette.Colour(i));
        for (int i = 0; i < geometries.Length; i++) AppendSeries(sb, geometries[i], Palette.Colour(i));
        for (int i = 0; i < geometries.Length; i++) AppendMarkers(sb, geometries[i], Palette.Colour(i), chart);
        SvgLegend.Append(sb, layout, series);

        if (total == 0)
        {
            sb.Append("<text class=\"no-data\" x=\"").Append(NumberFormat.Coord((layout.PlotLeft + layout.PlotRight) / 2))
                .Append("\" y=\"").Append(NumberFormat.Coord((layout.PlotTop + layout.PlotBottom) / 2))
                .Append("\" text-anchor=\"middle\" fill=\"#666666\" font-size=\"14\">no data</text>\n");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Measure(ChartSeries series, Chart chart, ref Extent x, ref Extent y)
    {
        foreach (var p in series.Points ?? [])
        {
            if (p is null || !AxisDomain.Accepts(chart.X, p.X) || !AxisDomain.Accepts(chart.Y, p.Y)) continue;
            x.Add(p.X);
            y.Add(p.Y);
            if (SeriesGeometry.BandEdges(p, chart.Y) is var (low, high))
            {
                y.Add(low);
                y.Add(high);
            }
        }
    }

    private static void AppendTitle(StringBuilder sb, string title, ChartLayout layout)
    {
        string shown = Markup.Truncate(title ?? "", Math.Max(8, layout.Width / 9));
        sb.Append("<text class=\"title\" x=\"").Append(NumberFormat.Coord(layout.Width / 2.0))
            .Append("\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"#222222\">");
        if (shown.Length != (title ?? "").Length) sb.Append("<title>").AppendEscaped(title).Append("</title>");
        sb.AppendEscaped(shown).Append("</text>\n");
    }

    private static void AppendBands(StringBuilder sb, SeriesGeometry geometry, string colour)
    {
        bool step = geometry.Series.Shape == SeriesShape.Step;
        foreach (var band in geometry.Bands)
        {
            sb.Append("<path class=\"band\" data-series=\"").AppendEscaped(geometry.Series.Name)
                .Append("\" fill=\"").Append(colour).Append("\" fill-opacity=\"0.2\" stroke=\"none\" d=\"");
            SvgPaths.AppendBand(sb, band, step).Append("\"/>\n");
        }
    }

    private static void AppendSeries(StringBuilder sb, SeriesGeometry geometry, string colour)
    {
        int drawn = geometry.DrawnPoints;
        sb.Append("<path class=\"series\" data-series=\"").AppendEscaped(geometry.Series.Name)
            .Append("\" data-points=\"").Append(NumberFormat.Int(drawn))
            .Append("\" fill=\"none\" stroke=\"").Append(colour)
            .Append("\" stroke-width=\"").Append(geometry.Series.Shape == SeriesShape.Line ? "1.5" : "2")
            .Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (drawn > 0)
        {
            sb.Append(" d=\"");
            SvgPaths.AppendSeries(sb, geometry.Runs, geometry.Series.Shape).Append('"');
        }
        sb.Append("/>\n");
    }

    private static void AppendMarkers(StringBuilder sb, SeriesGeometry geometry, string colour, Chart chart)
    {
        int drawn = geometry.DrawnPoints;
        if (drawn == 0 || (geometry.Series.Shape != SeriesShape.LineWithPoints && drawn != 1)) return;
        var points = geometry.Series.Points;
        foreach (var run in geometry.Runs)
        {
            foreach (var p in run)
            {
                var source = points[p.Index];
                sb.Append("<circle class=\"point\" data-series=\"").AppendEscaped(geometry.Series.Name)
                    .Append("\" cx=\"").Append(NumberFormat.Coord(p.X)).Append("\" cy=\"").Append(NumberFormat.Coord(p.Y))
                    .Append("\" r=\"").Append(NumberFormat.Coord(MarkerRadius)).Append("\" fill=\"").Append(colour)
                    .Append("\"><title>").AppendEscaped(Tooltip(geometry.Series.Name, source, chart)).Append("</title></circle>\n");
            }
        }
    }

    /// <summary>"series: x, y [low – high]"; x is the category name on a categorical axis; the band part only when the point has one.</summary>
    internal static string Tooltip(string name, ChartPoint point, Chart chart)
    {
        string x = chart.X.Categories is { } categories && (int)Math.Round(point.X) is var index && index >= 0 && index < categories.Count
            ? categories[index]
            : NumberFormat.Precise(point.X, chart.X);
        string text = name + ": " + x + ", " + NumberFormat.Precise(point.Y, chart.Y);
        if (SeriesGeometry.BandEdges(point, chart.Y) is var (low, high))
        {
            text += " [" + NumberFormat.Precise(low, chart.Y) + " – " + NumberFormat.Precise(high, chart.Y) + "]";
        }
        return text;
    }

    /// <summary>The running minimum and maximum of the values an axis draws.</summary>
    private struct Extent
    {
        public bool Any;
        public double Min;
        public double Max;

        public void Add(double value)
        {
            if (!Any) { Min = Max = value; Any = true; return; }
            if (value < Min) Min = value;
            if (value > Max) Max = value;
        }
    }
}
