using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws a plot's frame: light grid lines at the ticks, then <c>&lt;g class="axis x"&gt;</c> and
/// <c>&lt;g class="axis y"&gt;</c> (with <c>data-unit</c> when the axis has a unit), each with its axis line, tick
/// marks, tick labels and, unless left out, its title. A tick label is written only every n-th tick when labels would
/// otherwise touch (estimated widths, see <see cref="TextMetrics"/>); a categorical label longer than its slot is cut
/// with "…" and keeps its full text in a <c>&lt;title&gt;</c>.
/// </summary>
internal static class SvgAxes
{
    private const string GridColour = "#e6e6e6";
    private const string AxisColour = "#444444";
    private const string TextColour = "#333333";
    private const double TickLength = 5;
    private const double LabelGap = 8;

    /// <summary>What of an axis' text to write: its tick labels, its title.</summary>
    /// <param name="XTicks">Write the x tick labels.</param>
    /// <param name="YTicks">Write the y tick labels.</param>
    /// <param name="Titles">Write the axis titles.</param>
    public readonly record struct Text(bool XTicks = true, bool YTicks = true, bool Titles = true);

    /// <summary>The widest y tick label of <paramref name="layout"/>, in pixels (what the plot's left margin must hold).</summary>
    public static double WidestLabel(AxisLayout layout) =>
        layout.Ticks.Count == 0 ? 0 : layout.Ticks.Max(t => TextMetrics.Width(t.Label, ChartLayout.LabelFontSize));

    /// <summary>Appends the grid and both axes of the plot <paramref name="box"/>; the y title's baseline at <paramref name="yTitle"/>.</summary>
    public static void Append(StringBuilder sb, PlotBox box, Axis xAxis, Axis yAxis, AxisMapping x, AxisMapping y, double yTitle, Text? shown = null)
    {
        var text = shown ?? new Text(true, true, true);
        sb.Append("<g class=\"grid\" stroke=\"").Append(GridColour).Append("\" stroke-width=\"1\">\n");
        foreach (var tick in x.Layout.Ticks)
        {
            string px = NumberFormat.Coord(x.Map(tick.Value));
            Line(sb, px, NumberFormat.Coord(box.Top), px, NumberFormat.Coord(box.Bottom), null);
        }
        foreach (var tick in y.Layout.Ticks)
        {
            string py = NumberFormat.Coord(y.Map(tick.Value));
            Line(sb, NumberFormat.Coord(box.Left), py, NumberFormat.Coord(box.Right), py, null);
        }
        sb.Append("</g>\n");

        AppendX(sb, box, xAxis, x, text);
        AppendY(sb, box, yAxis, y, yTitle, text);
    }

    private static void AppendX(StringBuilder sb, PlotBox box, Axis axis, AxisMapping x, Text text)
    {
        string bottom = NumberFormat.Coord(box.Bottom);
        Open(sb, "x", axis);
        Line(sb, NumberFormat.Coord(box.Left), bottom, NumberFormat.Coord(box.Right), bottom, "axis-line");
        var ticks = x.Layout.Ticks;
        double spacing = ticks.Count < 2 ? box.Width : Math.Abs(x.Map(ticks[1].Value) - x.Map(ticks[0].Value));
        int stride = 1, maxChars = int.MaxValue;
        if (x.Layout.Kind == AxisKind.Categorical)
        {
            double minSlot = 28;
            stride = spacing >= minSlot || spacing <= 0 ? 1 : (int)Math.Ceiling(minSlot / spacing);
            maxChars = Math.Max(3, TextMetrics.CharsIn(spacing * stride - 4, ChartLayout.LabelFontSize));
        }
        else if (spacing > 0)
        {
            double widest = WidestLabel(x.Layout) + LabelGap;
            stride = Math.Max(1, (int)Math.Ceiling(widest / spacing));
        }
        for (int i = 0; i < ticks.Count; i++)
        {
            string px = NumberFormat.Coord(x.Map(ticks[i].Value));
            Line(sb, px, bottom, px, NumberFormat.Coord(box.Bottom + TickLength), "tick");
            if (!text.XTicks || i % stride != 0) continue;
            Label(sb, ticks[i].Label, maxChars, px, NumberFormat.Coord(box.Bottom + 18), "middle");
        }
        if (text.Titles) AppendXTitle(sb, axis, (box.Left + box.Right) / 2, box.Bottom);
        sb.Append("</g>\n");
    }

    /// <summary>The x axis title, centred at <paramref name="centre"/> below an axis line at <paramref name="axisLine"/>.</summary>
    public static void AppendXTitle(StringBuilder sb, Axis axis, double centre, double axisLine)
    {
        sb.Append("<text class=\"axis-label\" x=\"").Append(NumberFormat.Coord(centre))
            .Append("\" y=\"").Append(NumberFormat.Coord(axisLine + 38)).Append("\" text-anchor=\"middle\">")
            .AppendEscaped(axis.Label).Append("</text>\n");
    }

    /// <summary>
    /// The y axis title, rotated, centred on the vertical span <paramref name="top"/>..<paramref name="bottom"/> and
    /// wrapped to it, its last line's baseline at <paramref name="yTitle"/>.
    /// </summary>
    public static void AppendYTitle(StringBuilder sb, Axis axis, double top, double bottom, double yTitle)
    {
        double middle = (top + bottom) / 2;
        var lines = TextMetrics.Wrap(axis.Label, TextMetrics.CharsIn(bottom - top, ChartLayout.LabelFontSize));
        sb.Append("<text class=\"axis-label\" x=\"").Append(NumberFormat.Coord(-middle))
            .Append("\" y=\"").Append(NumberFormat.Coord(yTitle - (lines.Count - 1) * 14)).Append("\" transform=\"rotate(-90)\" text-anchor=\"middle\">");
        SvgText.AppendLines(sb, lines, -middle, 14);
        sb.Append("</text>\n");
    }

    private static void AppendY(StringBuilder sb, PlotBox box, Axis axis, AxisMapping y, double yTitle, Text text)
    {
        string left = NumberFormat.Coord(box.Left);
        Open(sb, "y", axis);
        Line(sb, left, NumberFormat.Coord(box.Top), left, NumberFormat.Coord(box.Bottom), "axis-line");
        var ticks = y.Layout.Ticks;
        double spacing = ticks.Count < 2 ? box.Height : Math.Abs(y.Map(ticks[1].Value) - y.Map(ticks[0].Value));
        int stride = spacing >= 14 || spacing <= 0 ? 1 : (int)Math.Ceiling(14 / spacing);
        int maxChars = y.Layout.Kind == AxisKind.Categorical ? TextMetrics.CharsIn(box.Left - yTitle - 16, ChartLayout.LabelFontSize) : int.MaxValue;
        for (int i = 0; i < ticks.Count; i++)
        {
            double py = y.Map(ticks[i].Value);
            Line(sb, NumberFormat.Coord(box.Left - TickLength), NumberFormat.Coord(py), left, NumberFormat.Coord(py), "tick");
            if (!text.YTicks || i % stride != 0) continue;
            Label(sb, ticks[i].Label, maxChars, NumberFormat.Coord(box.Left - ChartLayout.TickLabelGap), NumberFormat.Coord(py + 4), "end");
        }
        if (text.Titles) AppendYTitle(sb, axis, box.Top, box.Bottom, yTitle);
        sb.Append("</g>\n");
    }

    /// <summary>Opens a <c>g</c> of axis text in the axes' text colour, classed <paramref name="cssClass"/>.</summary>
    public static void OpenText(StringBuilder sb, string cssClass) =>
        sb.Append("<g class=\"").Append(cssClass).Append("\" stroke=\"none\" fill=\"").Append(TextColour).Append("\">\n");

    private static void Open(StringBuilder sb, string which, Axis axis)
    {
        sb.Append("<g class=\"axis ").Append(which).Append('"');
        // data-unit: browser tests check that a quantity's tick labels carry its unit.
        if (axis.Unit is { } unit) sb.Append(" data-unit=\"").AppendEscaped(unit).Append('"');
        sb.Append(" stroke=\"none\" fill=\"").Append(TextColour).Append("\">\n");
    }

    private static void Label(StringBuilder sb, string text, int maxChars, string x, string y, string anchor)
    {
        string shown = maxChars == int.MaxValue ? text : Markup.Truncate(text, maxChars);
        sb.Append("<text class=\"tick-label\" x=\"").Append(x).Append("\" y=\"").Append(y)
            .Append("\" text-anchor=\"").Append(anchor).Append("\">");
        if (shown.Length != text.Length) sb.Append("<title>").AppendEscaped(text).Append("</title>");
        sb.AppendEscaped(shown).Append("</text>\n");
    }

    private static void Line(StringBuilder sb, string x1, string y1, string x2, string y2, string? cssClass)
    {
        sb.Append("<line");
        if (cssClass is not null) sb.Append(" class=\"").Append(cssClass).Append("\" stroke=\"").Append(AxisColour).Append('"');
        sb.Append(" x1=\"").Append(x1).Append("\" y1=\"").Append(y1).Append("\" x2=\"").Append(x2).Append("\" y2=\"").Append(y2).Append("\"/>\n");
    }
}
