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
/// when nothing of it is drawable) in its <see cref="SeriesStyle"/>, with a <c>&lt;title&gt;</c>, and
/// <c>data-coincides="…"</c> naming the series it hides or is hidden by;</item>
/// <item>for LineWithPoints series, and any series with a single drawn point, one
/// <c>&lt;circle class="point"&gt;</c> per point with a <c>&lt;title&gt;</c> "series: x, y [low – high]" (values with units);</item>
/// <item><c>&lt;g class="axis x"&gt;</c>, <c>&lt;g class="axis y"&gt;</c> (<c>data-unit</c> when the axis has one),
/// <c>&lt;text class="title"&gt;</c> (wrapped into tspans), <c>&lt;g class="legend"&gt;</c> (one entry per series,
/// never cut, then a <c>text.legend-note</c> per group of coinciding series), and <c>&lt;text class="no-data"&gt;</c>
/// when N is 0.</item>
/// </list>
/// The layout (<see cref="ChartLayout"/>) keeps text clear of other text: the y title left of the widest tick label,
/// the legend outside the plot.
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

        var xExtent = new Extent();
        var yExtent = new Extent();
        foreach (var s in series) Measure(s, chart.X, chart.Y, ref xExtent, ref yExtent);
        var xAxis = AxisDomain.Resolve(chart.X, xExtent.Any, xExtent.Min, xExtent.Max, preferZero: false);
        var yAxis = AxisDomain.Resolve(chart.Y, yExtent.Any, yExtent.Min, yExtent.Max, preferZero: true);

        var styles = SeriesStyle.For(series);
        var names = series.Select(s => s.Name ?? "").ToList();
        var layout = ChartLayout.For(width, height, chart.Title, SvgAxes.WidestLabel(yAxis), names, SvgLegend.Notes(series, styles));
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
        Open(sb, chart.Id, chart.Title, total, layout.Width, layout.Height);
        AppendTitle(sb, chart.Title, layout.TitleLines, layout.Width);
        SvgAxes.Append(sb, layout.Plot, chart.X, chart.Y, x, y, layout.YTitleBaseline);
        SvgSeries.Append(sb, geometries, styles, chart.X, chart.Y);
        SvgLegend.Append(sb, layout.Legend, series, styles);
        if (total == 0) AppendNoData(sb, layout.Plot);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The root element, classed <paramref name="cssClass"/>, and its white background.</summary>
    internal static void Open(StringBuilder sb, string id, string title, int points, int width, int height, string cssClass = "chart")
    {
        sb.Append("<svg class=\"").Append(cssClass).Append("\" data-chart-id=\"").AppendEscaped(id)
            .Append("\" data-points=\"").Append(NumberFormat.Int(points))
            .Append("\" viewBox=\"0 0 ").Append(NumberFormat.Int(width)).Append(' ').Append(NumberFormat.Int(height))
            .Append("\" width=\"100%\" style=\"max-width:").Append(NumberFormat.Int(width)).Append("px;height:auto\"")
            .Append(" role=\"img\" aria-label=\"").AppendEscaped(title)
            .Append("\" font-family=\"").Append(FontFamily).Append("\" font-size=\"12\">\n");
        sb.Append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").Append(NumberFormat.Int(width))
            .Append("\" height=\"").Append(NumberFormat.Int(height)).Append("\" fill=\"#ffffff\"/>\n");
    }

    /// <summary>The title, centred, one line per entry of <paramref name="lines"/>.</summary>
    internal static void AppendTitle(StringBuilder sb, string? title, IReadOnlyList<string> lines, int width)
    {
        double centre = width / 2.0;
        sb.Append("<text class=\"title\" x=\"").Append(NumberFormat.Coord(centre))
            .Append("\" y=\"24\" text-anchor=\"middle\" font-size=\"").Append(NumberFormat.Coord(ChartLayout.TitleFontSize))
            .Append("\" font-weight=\"600\" fill=\"#222222\">");
        SvgText.AppendLines(sb, lines, centre, ChartLayout.TitleLineHeight);
        sb.Append("</text>\n");
    }

    /// <summary>"no data" in the middle of <paramref name="box"/>.</summary>
    internal static void AppendNoData(StringBuilder sb, PlotBox box)
    {
        sb.Append("<text class=\"no-data\" x=\"").Append(NumberFormat.Coord((box.Left + box.Right) / 2))
            .Append("\" y=\"").Append(NumberFormat.Coord((box.Top + box.Bottom) / 2))
            .Append("\" text-anchor=\"middle\" fill=\"#666666\" font-size=\"14\">no data</text>\n");
    }

    /// <summary>Widens <paramref name="x"/> and <paramref name="y"/> to the drawable values of <paramref name="series"/> (points and band edges).</summary>
    internal static void Measure(ChartSeries series, Axis xAxis, Axis yAxis, ref Extent x, ref Extent y)
    {
        foreach (var p in series.Points ?? [])
        {
            if (p is null || !AxisDomain.Accepts(xAxis, p.X) || !AxisDomain.Accepts(yAxis, p.Y)) continue;
            x.Add(p.X);
            y.Add(p.Y);
            if (SeriesGeometry.BandEdges(p, yAxis) is var (low, high))
            {
                y.Add(low);
                y.Add(high);
            }
        }
    }

    /// <summary>The running minimum and maximum of the values an axis draws.</summary>
    internal struct Extent
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
