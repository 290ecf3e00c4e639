using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws <c>&lt;g class="legend"&gt;</c> where <see cref="LegendLayout"/> placed it: one
/// <c>&lt;g class="legend-entry" data-series="…"&gt;</c> per series, a swatch drawn like the series (a
/// <c>&lt;line class="swatch"&gt;</c> in its colour and dash pattern, with a marker for a series with points) and its
/// full name, wrapped but never cut; then one <c>&lt;text class="legend-note"&gt;</c> per note.
/// </summary>
internal static class SvgLegend
{
    /// <summary>Appends the legend of <paramref name="series"/> drawn in <paramref name="styles"/>.</summary>
    public static void Append(StringBuilder sb, LegendLayout legend, IReadOnlyList<ChartSeries> series, IReadOnlyList<SeriesStyle> styles)
    {
        sb.Append("<g class=\"legend\" fill=\"#333333\" font-size=\"").Append(NumberFormat.Coord(LegendLayout.FontSize)).Append("\">\n");
        foreach (var entry in legend.Entries)
        {
            var s = series[entry.Series];
            var style = styles[entry.Series];
            double x = entry.X, y = entry.Y - 4;
            sb.Append("<g class=\"legend-entry\" data-series=\"").AppendEscaped(s.Name).Append("\">");
            sb.Append("<line class=\"swatch\" x1=\"").Append(NumberFormat.Coord(x)).Append("\" y1=\"").Append(NumberFormat.Coord(y))
                .Append("\" x2=\"").Append(NumberFormat.Coord(x + 20)).Append("\" y2=\"").Append(NumberFormat.Coord(y))
                .Append("\" stroke=\"").Append(style.Colour).Append("\" stroke-width=\"2.5\"");
            // Coinciding series alternate along their line; in the legend each is shown plainly in its colour.
            if (style.DashArray is { } dash && style.Coincides.Count == 0) sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
            sb.Append("/>");
            if (s.Shape is SeriesShape.LineWithPoints or SeriesShape.Points)
            {
                sb.Append("<circle cx=\"").Append(NumberFormat.Coord(x + 10)).Append("\" cy=\"").Append(NumberFormat.Coord(y))
                    .Append("\" r=\"3\" fill=\"").Append(style.Colour).Append("\"/>");
            }
            double textX = x + LegendLayout.SwatchWidth;
            sb.Append("<text x=\"").Append(NumberFormat.Coord(textX)).Append("\" y=\"").Append(NumberFormat.Coord(entry.Y)).Append("\">");
            SvgText.AppendLines(sb, entry.Lines, textX, LegendLayout.LineHeight);
            sb.Append("</text></g>\n");
        }
        foreach (var note in legend.Notes)
        {
            sb.Append("<text class=\"legend-note\" x=\"").Append(NumberFormat.Coord(note.X)).Append("\" y=\"").Append(NumberFormat.Coord(note.Y))
                .Append("\" font-style=\"italic\">");
            SvgText.AppendLines(sb, note.Lines, note.X, LegendLayout.LineHeight);
            sb.Append("</text>\n");
        }
        sb.Append("</g>\n");
    }

    /// <summary>The notes for <paramref name="styles"/>: one per group of coinciding series, naming them all.</summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<ChartSeries> series, IReadOnlyList<SeriesStyle> styles)
    {
        var notes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < series.Count; i++)
        {
            if (styles[i].Coincides.Count == 0 || !seen.Add(series[i].Name ?? "")) continue;
            var names = new List<string> { series[i].Name ?? "" };
            names.AddRange(styles[i].Coincides);
            foreach (string n in names) seen.Add(n);
            notes.Add($"{names.Count} series coincide (drawn as alternating dashes): {string.Join(", ", names)}");
        }
        return notes;
    }
}
