using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws <c>&lt;g class="legend"&gt;</c>: one <c>&lt;g class="legend-entry" data-series="…"&gt;</c> per series, a
/// colour swatch and the name, cut with "…" after <see cref="ChartLayout.LegendNameChars"/> characters (the full name
/// then in a <c>&lt;title&gt;</c>). Entries stack right of the plot, or fill columns row by row below it.
/// </summary>
internal static class SvgLegend
{
    /// <summary>Appends the legend of <paramref name="series"/> where <paramref name="layout"/> puts it.</summary>
    public static void Append(StringBuilder sb, ChartLayout layout, IReadOnlyList<ChartSeries> series)
    {
        sb.Append("<g class=\"legend\" fill=\"#333333\">\n");
        for (int i = 0; i < series.Count; i++)
        {
            int column = i % layout.LegendColumns, row = i / layout.LegendColumns;
            double x = layout.LegendLeft + column * layout.LegendColumnWidth;
            double y = layout.LegendTop + row * ChartLayout.LegendRowHeight;
            string name = series[i].Name ?? "";
            string shown = Markup.Truncate(name, ChartLayout.LegendNameChars);
            sb.Append("<g class=\"legend-entry\" data-series=\"").AppendEscaped(name).Append("\">");
            if (shown.Length != name.Length) sb.Append("<title>").AppendEscaped(name).Append("</title>");
            sb.Append("<rect x=\"").Append(NumberFormat.Coord(x)).Append("\" y=\"").Append(NumberFormat.Coord(y - 10))
                .Append("\" width=\"12\" height=\"12\" fill=\"").Append(Palette.Colour(i)).Append("\"/>")
                .Append("<text x=\"").Append(NumberFormat.Coord(x + 18)).Append("\" y=\"").Append(NumberFormat.Coord(y))
                .Append("\">").AppendEscaped(shown).Append("</text></g>\n");
        }
        sb.Append("</g>\n");
    }
}
