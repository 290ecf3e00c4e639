using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws series inside a plot: all bands first (<c>path.band</c>, fill-opacity 0.2), then one <c>path.series</c> per
/// series in its <see cref="SeriesStyle"/> with a <c>&lt;title&gt;</c> naming it, then the markers
/// (<c>circle.point</c>, each with a <c>&lt;title&gt;</c> giving the exact values) of LineWithPoints series and of any
/// series with a single drawn point.
/// </summary>
internal static class SvgSeries
{
    private const double MarkerRadius = 3;

    /// <summary>Appends <paramref name="geometries"/> drawn in <paramref name="styles"/> on the axes <paramref name="x"/> and <paramref name="y"/>.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<SeriesGeometry> geometries, IReadOnlyList<SeriesStyle> styles, Axis x, Axis y)
    {
        for (int i = 0; i < geometries.Count; i++) AppendBands(sb, geometries[i], styles[i].Colour);
        for (int i = 0; i < geometries.Count; i++) AppendLine(sb, geometries[i], styles[i]);
        for (int i = 0; i < geometries.Count; i++) AppendMarkers(sb, geometries[i], styles[i], x, y);
    }

    /// <summary>"series: x, y [low – high]"; x is the category name on a categorical axis, values carry the axis' unit; the band part only when the point has one.</summary>
    public static string Tooltip(string name, ChartPoint point, Axis xAxis, Axis yAxis)
    {
        string x = xAxis.Categories is { } categories && (int)Math.Round(point.X) is var index && index >= 0 && index < categories.Count
            ? categories[index]
            : NumberFormat.Precise(point.X, xAxis);
        string text = name + ": " + x + ", " + NumberFormat.Precise(point.Y, yAxis);
        if (SeriesGeometry.BandEdges(point, yAxis) is var (low, high))
        {
            text += " [" + NumberFormat.Precise(low, yAxis) + " – " + NumberFormat.Precise(high, yAxis) + "]";
        }
        return text;
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

    private static void AppendLine(StringBuilder sb, SeriesGeometry geometry, SeriesStyle style)
    {
        int drawn = geometry.DrawnPoints;
        bool coincides = style.Coincides.Count > 0;
        sb.Append("<path class=\"series\" data-series=\"").AppendEscaped(geometry.Series.Name)
            .Append("\" data-points=\"").Append(NumberFormat.Int(drawn)).Append('"');
        if (coincides) sb.Append(" data-coincides=\"").AppendEscaped(string.Join(", ", style.Coincides)).Append('"');
        sb.Append(" fill=\"none\" stroke=\"").Append(geometry.Series.Shape == SeriesShape.Points ? "none" : style.Colour)
            .Append("\" stroke-width=\"").Append(coincides ? "2.5" : geometry.Series.Shape == SeriesShape.Line ? "1.5" : "2").Append('"');
        if (style.DashArray is { } dash) sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        if (style.DashOffset is { } offset) sb.Append(" stroke-dashoffset=\"").Append(offset).Append('"');
        sb.Append(coincides ? " stroke-linejoin=\"round\" stroke-linecap=\"butt\"" : " stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (drawn > 0)
        {
            sb.Append(" d=\"");
            SvgPaths.AppendSeries(sb, geometry.Runs, geometry.Series.Shape).Append('"');
        }
        sb.Append("><title>").AppendEscaped(geometry.Series.Name);
        if (coincides) sb.Append(" (same values as ").AppendEscaped(string.Join(", ", style.Coincides)).Append(')');
        sb.Append("</title></path>\n");
    }

    private static void AppendMarkers(StringBuilder sb, SeriesGeometry geometry, SeriesStyle style, Axis x, Axis y)
    {
        int drawn = geometry.DrawnPoints;
        if (drawn == 0 || (geometry.Series.Shape is not (SeriesShape.LineWithPoints or SeriesShape.Points) && drawn != 1)) return;
        var points = geometry.Series.Points;
        string also = style.Coincides.Count > 0 ? " (also " + string.Join(", ", style.Coincides) + ")" : "";
        foreach (var run in geometry.Runs)
        {
            foreach (var p in run)
            {
                var source = points[p.Index];
                sb.Append("<circle class=\"point\" data-series=\"").AppendEscaped(geometry.Series.Name)
                    .Append("\" cx=\"").Append(NumberFormat.Coord(p.X)).Append("\" cy=\"").Append(NumberFormat.Coord(p.Y))
                    .Append("\" r=\"").Append(NumberFormat.Coord(MarkerRadius)).Append("\" fill=\"").Append(style.Colour)
                    .Append("\"><title>").AppendEscaped(Tooltip(geometry.Series.Name, source, x, y) + also).Append("</title></circle>\n");
            }
        }
    }
}
