using System.Text;

namespace Sim.Reports;

/// <summary>
/// Path data (<c>d</c> attributes) for series and bands: straight segments ("M x y L x y …"), staircases that go
/// horizontally then vertically ("M x0 y0 H x1 V y1 H x2 V y2 …"), and closed band polygons. A break in a series
/// starts a new subpath with "M". Coordinates use <see cref="NumberFormat.Coord"/>.
/// </summary>
internal static class SvgPaths
{
    /// <summary>Half the width of the band drawn around a lone banded point (an error bar).</summary>
    public const double LoneBandHalfWidth = 4;

    /// <summary>Appends the path data of <paramref name="runs"/> drawn as <paramref name="shape"/>.</summary>
    public static StringBuilder AppendSeries(StringBuilder sb, IReadOnlyList<IReadOnlyList<PlotPoint>> runs, SeriesShape shape)
    {
        bool first = true;
        foreach (var run in runs)
        {
            for (int i = 0; i < run.Count; i++)
            {
                if (!first) sb.Append(' ');
                first = false;
                var p = run[i];
                if (i == 0) Point(sb.Append("M "), p.X, p.Y);
                else if (shape == SeriesShape.Step) sb.Append("H ").Append(NumberFormat.Coord(p.X)).Append(" V ").Append(NumberFormat.Coord(p.Y));
                else Point(sb.Append("L "), p.X, p.Y);
            }
        }
        return sb;
    }

    /// <summary>Appends the closed polygon of one band run: the upper edge forward, the lower edge back.</summary>
    public static StringBuilder AppendBand(StringBuilder sb, IReadOnlyList<BandPoint> band, bool step)
    {
        if (band.Count == 0) return sb;
        if (band.Count == 1)
        {
            var p = band[0];
            Point(sb.Append("M "), p.X - LoneBandHalfWidth, p.Top);
            sb.Append(" H ").Append(NumberFormat.Coord(p.X + LoneBandHalfWidth));
            sb.Append(" V ").Append(NumberFormat.Coord(p.Bottom));
            sb.Append(" H ").Append(NumberFormat.Coord(p.X - LoneBandHalfWidth));
            return sb.Append(" Z");
        }
        Point(sb.Append("M "), band[0].X, band[0].Top);
        for (int i = 1; i < band.Count; i++)
        {
            if (step) sb.Append(" H ").Append(NumberFormat.Coord(band[i].X)).Append(" V ").Append(NumberFormat.Coord(band[i].Top));
            else Point(sb.Append(" L "), band[i].X, band[i].Top);
        }
        int last = band.Count - 1;
        Point(sb.Append(" L "), band[last].X, band[last].Bottom);
        for (int i = last; i >= 1; i--)
        {
            if (step) sb.Append(" V ").Append(NumberFormat.Coord(band[i - 1].Bottom)).Append(" H ").Append(NumberFormat.Coord(band[i - 1].X));
            else Point(sb.Append(" L "), band[i - 1].X, band[i - 1].Bottom);
        }
        return sb.Append(" Z");
    }

    private static void Point(StringBuilder sb, double x, double y) =>
        sb.Append(NumberFormat.Coord(x)).Append(' ').Append(NumberFormat.Coord(y));
}
