using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws a chart's frame: light grid lines at the ticks, then <c>&lt;g class="axis x"&gt;</c> and
/// <c>&lt;g class="axis y"&gt;</c>, each with its axis line, tick marks, tick labels and axis label. Categorical
/// labels are cut with "…" to fit their slot, and only every n-th is written when slots are narrower than 28 pixels.
/// </summary>
internal static class SvgAxes
{
    private const string GridColour = "#e6e6e6";
    private const string AxisColour = "#444444";
    private const string TextColour = "#333333";
    private const double TickLength = 5;
    private const double MinCategorySlot = 28;
    private const double CharWidth = 6.5;

    /// <summary>Appends the grid and both axes.</summary>
    public static void Append(StringBuilder sb, ChartLayout layout, Chart chart, AxisMapping x, AxisMapping y)
    {
        sb.Append("<g class=\"grid\" stroke=\"").Append(GridColour).Append("\" stroke-width=\"1\">\n");
        foreach (var tick in x.Layout.Ticks)
        {
            string px = NumberFormat.Coord(x.Map(tick.Value));
            Line(sb, px, NumberFormat.Coord(layout.PlotTop), px, NumberFormat.Coord(layout.PlotBottom), null);
        }
        foreach (var tick in y.Layout.Ticks)
        {
            string py = NumberFormat.Coord(y.Map(tick.Value));
            Line(sb, NumberFormat.Coord(layout.PlotLeft), py, NumberFormat.Coord(layout.PlotRight), py, null);
        }
        sb.Append("</g>\n");

        AppendX(sb, layout, chart.X, x);
        AppendY(sb, layout, chart.Y, y);
    }

    private static void AppendX(StringBuilder sb, ChartLayout layout, Axis axis, AxisMapping x)
    {
        string bottom = NumberFormat.Coord(layout.PlotBottom);
        sb.Append("<g class=\"axis x\"");
        UnitAttribute(sb, axis);
        sb.Append(" stroke=\"none\" fill=\"").Append(TextColour).Append("\">\n");
        Line(sb, NumberFormat.Coord(layout.PlotLeft), bottom, NumberFormat.Coord(layout.PlotRight), bottom, "axis-line");
        var (stride, maxChars) = LabelSpacing(x, layout.PlotWidth, isX: true);
        var ticks = x.Layout.Ticks;
        for (int i = 0; i < ticks.Count; i++)
        {
            string px = NumberFormat.Coord(x.Map(ticks[i].Value));
            Line(sb, px, bottom, px, NumberFormat.Coord(layout.PlotBottom + TickLength), "tick");
            if (i % stride != 0) continue;
            Label(sb, ticks[i].Label, maxChars, px, NumberFormat.Coord(layout.PlotBottom + 18), "middle");
        }
        sb.Append("<text class=\"axis-label\" x=\"").Append(NumberFormat.Coord((layout.PlotLeft + layout.PlotRight) / 2))
            .Append("\" y=\"").Append(NumberFormat.Coord(layout.PlotBottom + 38)).Append("\" text-anchor=\"middle\">")
            .AppendEscaped(axis.Label).Append("</text>\n");
        sb.Append("</g>\n");
    }

    private static void AppendY(StringBuilder sb, ChartLayout layout, Axis axis, AxisMapping y)
    {
        string left = NumberFormat.Coord(layout.PlotLeft);
        sb.Append("<g class=\"axis y\"");
        UnitAttribute(sb, axis);
        sb.Append(" stroke=\"none\" fill=\"").Append(TextColour).Append("\">\n");
        Line(sb, left, NumberFormat.Coord(layout.PlotTop), left, NumberFormat.Coord(layout.PlotBottom), "axis-line");
        var (stride, maxChars) = LabelSpacing(y, layout.PlotHeight, isX: false);
        var ticks = y.Layout.Ticks;
        for (int i = 0; i < ticks.Count; i++)
        {
            double py = y.Map(ticks[i].Value);
            Line(sb, NumberFormat.Coord(layout.PlotLeft - TickLength), NumberFormat.Coord(py), left, NumberFormat.Coord(py), "tick");
            if (i % stride != 0) continue;
            Label(sb, ticks[i].Label, maxChars, NumberFormat.Coord(layout.PlotLeft - 8), NumberFormat.Coord(py + 4), "end");
        }
        double middle = (layout.PlotTop + layout.PlotBottom) / 2;
        sb.Append("<text class=\"axis-label\" x=\"").Append(NumberFormat.Coord(-middle))
            .Append("\" y=\"14\" transform=\"rotate(-90)\" text-anchor=\"middle\">")
            .AppendEscaped(axis.Label).Append("</text>\n");
        sb.Append("</g>\n");
    }

    /// <summary>For a categorical axis, which labels to write (every stride-th) and how many characters fit; numeric axes write all.</summary>
    private static (int Stride, int MaxChars) LabelSpacing(AxisMapping mapping, double length, bool isX)
    {
        int yChars = (int)((64 - 10) / CharWidth);
        if (mapping.Layout.Kind != AxisKind.Categorical) return (1, isX ? 16 : yChars);
        double slot = mapping.UnitLength;
        double minSlot = isX ? MinCategorySlot : 14;
        int stride = slot >= minSlot || slot <= 0 ? 1 : (int)Math.Ceiling(minSlot / slot);
        int chars = isX ? Math.Max(3, (int)(slot * stride / CharWidth)) : yChars;
        return (stride, chars);
    }

    private static void Label(StringBuilder sb, string text, int maxChars, string x, string y, string anchor)
    {
        string shown = Markup.Truncate(text, maxChars);
        sb.Append("<text class=\"tick-label\" x=\"").Append(x).Append("\" y=\"").Append(y)
            .Append("\" text-anchor=\"").Append(anchor).Append("\">");
        if (shown.Length != text.Length) sb.Append("<title>").AppendEscaped(text).Append("</title>");
        sb.AppendEscaped(shown).Append("</text>\n");
    }

    /// <summary><c> data-unit="…"</c> when the axis has a unit (browser tests check its tick labels carry it).</summary>
    private static void UnitAttribute(StringBuilder sb, Axis axis)
    {
        if (axis.Unit is { } unit) sb.Append(" data-unit=\"").AppendEscaped(unit).Append('"');
    }

    private static void Line(StringBuilder sb, string x1, string y1, string x2, string y2, string? cssClass)
    {
        sb.Append("<line");
        if (cssClass is not null) sb.Append(" class=\"").Append(cssClass).Append("\" stroke=\"").Append(AxisColour).Append('"');
        sb.Append(" x1=\"").Append(x1).Append("\" y1=\"").Append(y1).Append("\" x2=\"").Append(x2).Append("\" y2=\"").Append(y2).Append("\"/>\n");
    }
}
