using System.Globalization;
using System.Text;

namespace Sim.Reports;

/// <summary>
/// Draws a <see cref="Tornado"/> as inline SVG: input names on the left, a value axis with nice ticks (the figure's
/// unit with an SI prefix), a vertical line at the baseline, and per input two bars from the baseline, the low end's
/// in the palette's first colour and the high end's in its second, each with a tooltip giving the figure.
/// </summary>
public static class SvgTornado
{
    private const int Width = 880, Row = 22, Top = 34, Bottom = 40, LabelWidth = 300, Right = 44;

    /// <summary>The SVG text of <paramref name="chart"/>.</summary>
    public static string Write(Tornado chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var values = chart.Bars.SelectMany(b => new[] { b.AtLow, b.AtHigh }).Append(chart.Baseline).Where(double.IsFinite).ToList();
        double low = values.Count == 0 ? 0 : values.Min(), high = values.Count == 0 ? 1 : values.Max();
        if (low == high) (low, high) = (low - Math.Max(Math.Abs(low) * 0.1, 1e-12), high + Math.Max(Math.Abs(high) * 0.1, 1e-12));
        var axis = AxisTicks.Linear(low, high, chart.Unit);
        int height = Top + Bottom + Row * Math.Max(1, chart.Bars.Count);
        double plotLeft = LabelWidth, plotRight = Width - Right;
        double X(double v) => plotLeft + (v - axis.Min) / (axis.Max - axis.Min) * (plotRight - plotLeft);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart tornado\" data-chart-id=\"{Markup.Escape(chart.Id)}\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\">\n");
        sb.Append("<title>").AppendEscaped(chart.Title).Append("</title>\n");
        AppendKey(sb, 10, 8, Palette.Colour(0), "low end of the range");
        AppendKey(sb, 150, 8, Palette.Colour(1), "high end");
        if (chart.Bars.Count == 0)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{plotLeft}\" y=\"{Top + Row * 0.65:0.##}\" font-size=\"12\">").AppendEscaped("no input moves this figure").Append("</text>\n");
        double axisY = height - Bottom;
        foreach (var tick in axis.Ticks)
        {
            double x = X(tick.Value);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x:0.##}\" y1=\"{Top - 6}\" x2=\"{x:0.##}\" y2=\"{axisY:0.##}\" stroke=\"#ddd\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x:0.##}\" y=\"{axisY + 16:0.##}\" text-anchor=\"middle\" font-size=\"12\">").AppendEscaped(tick.Label).Append("</text>\n");
        }
        for (int i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            double y = Top + i * Row;
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{plotLeft - 8}\" y=\"{y + Row * 0.65:0.##}\" text-anchor=\"end\" font-size=\"12\">")
                .AppendEscaped(Markup.Truncate(bar.Label, 44)).Append("</text>\n");
            AppendBar(sb, X(chart.Baseline), X(bar.AtLow), y + 3, Palette.Colour(0), $"{bar.Label} at the low end of its range: {Figure(bar.AtLow, chart.Unit)}", "low");
            AppendBar(sb, X(chart.Baseline), X(bar.AtHigh), y + Row / 2.0, Palette.Colour(1), $"{bar.Label} at the high end of its range: {Figure(bar.AtHigh, chart.Unit)}", "high");
        }
        double baseX = X(chart.Baseline);
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{baseX:0.##}\" y1=\"{Top - 6}\" x2=\"{baseX:0.##}\" y2=\"{axisY:0.##}\" stroke=\"#222\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{baseX:0.##}\" y=\"{Top - 12}\" text-anchor=\"middle\" font-size=\"12\">").AppendEscaped($"baseline {Figure(chart.Baseline, chart.Unit)}").Append("</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(plotLeft + plotRight) / 2:0.##}\" y=\"{height - 6}\" text-anchor=\"middle\" font-size=\"12\">")
            .AppendEscaped("figure with one input at the low end (first bar) or the high end (second bar) of its range").Append("</text>\n");
        return sb.Append("</svg>").ToString();
    }

    private static void AppendBar(StringBuilder sb, double from, double to, double y, string colour, string tooltip, string end)
    {
        double left = Math.Min(from, to), width = Math.Max(Math.Abs(to - from), 0.5);
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {end}\" x=\"{left:0.##}\" y=\"{y:0.##}\" width=\"{width:0.##}\" height=\"{Row / 2.0 - 3:0.##}\" fill=\"{colour}\">")
            .Append("<title>").AppendEscaped(tooltip).Append("</title></rect>\n");
    }

    private static void AppendKey(StringBuilder sb, double x, double y, string colour, string label)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"12\" height=\"8\" fill=\"{colour}\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 16:0.##}\" y=\"{y + 8:0.##}\" font-size=\"12\">").AppendEscaped(label).Append("</text>\n");
    }

    private static string Figure(double value, string? unit) => unit is null ? Quantity.Digits(value) : Quantity.Format(value, unit);
}
