using System.Text;

namespace Sim.Reports;

/// <summary>Multi-line SVG text: the first line as the text's own content, each further one a <c>&lt;tspan&gt;</c> one line lower.</summary>
internal static class SvgText
{
    /// <summary>Appends <paramref name="lines"/> inside an open <c>&lt;text&gt;</c> whose x is <paramref name="x"/>.</summary>
    public static void AppendLines(StringBuilder sb, IReadOnlyList<string> lines, double x, double lineHeight)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (i == 0) sb.AppendEscaped(lines[0]);
            else sb.Append("<tspan x=\"").Append(NumberFormat.Coord(x)).Append("\" dy=\"").Append(NumberFormat.Coord(lineHeight)).Append("\">")
                .AppendEscaped(lines[i]).Append("</tspan>");
        }
    }
}
