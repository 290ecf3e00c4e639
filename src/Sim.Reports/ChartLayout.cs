namespace Sim.Reports;

/// <summary>The plot area of a chart (or of one panel of a figure), in viewBox pixels.</summary>
/// <param name="Left">Its left edge (the y axis).</param>
/// <param name="Top">Its top edge.</param>
/// <param name="Right">Its right edge.</param>
/// <param name="Bottom">Its bottom edge (the x axis).</param>
internal sealed record PlotBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>The plot area's width.</summary>
    public double Width => Right - Left;

    /// <summary>The plot area's height.</summary>
    public double Height => Bottom - Top;
}

/// <summary>
/// Where the parts of a chart go in its viewBox: the title on top (wrapped onto several lines when long), the plot area,
/// the y axis' tick labels left of it with the rotated y title clear of the widest of them, the x axis' labels below,
/// and the legend right of the plot when every name fits there unbroken (and the chart is at least 480 wide),
/// otherwise below the x axis title (see <see cref="LegendLayout"/>). Text never overlaps text or the plot.
/// </summary>
/// <param name="Width">The viewBox width.</param>
/// <param name="Height">The viewBox height (grown past the height asked when the legend needs it).</param>
/// <param name="Plot">The plot area.</param>
/// <param name="TitleLines">The title, wrapped.</param>
/// <param name="YTitleBaseline">The horizontal position of the rotated y title's baseline.</param>
/// <param name="Legend">The legend's placement.</param>
internal sealed record ChartLayout(int Width, int Height, PlotBox Plot, IReadOnlyList<string> TitleLines, double YTitleBaseline, LegendLayout Legend)
{
    /// <summary>The title's font size.</summary>
    public const double TitleFontSize = 15;

    /// <summary>The distance between the title's lines.</summary>
    public const double TitleLineHeight = 19;

    /// <summary>The font size of tick labels and axis titles.</summary>
    public const double LabelFontSize = 12;

    /// <summary>The gap between a y tick label's end and the plot.</summary>
    public const double TickLabelGap = 8;

    private const double LeftMargin = 64;
    private const double RightMargin = 20;
    private const double BottomMargin = 48;
    private const double TitleGap = 6;
    private const double Descent = 3;
    private const double Ascent = 10;

    /// <summary>The plot area's left edge.</summary>
    public double PlotLeft => Plot.Left;

    /// <summary>The plot area's top edge.</summary>
    public double PlotTop => Plot.Top;

    /// <summary>The plot area's right edge.</summary>
    public double PlotRight => Plot.Right;

    /// <summary>The plot area's bottom edge.</summary>
    public double PlotBottom => Plot.Bottom;

    /// <summary>The left edge a plot needs so that y tick labels up to <paramref name="tickWidth"/> wide and the y title fit left of it.</summary>
    public static double PlotLeftFor(double tickWidth) => Math.Max(LeftMargin, 4 + Ascent + Descent + TitleGap + tickWidth + TickLabelGap);

    /// <summary>The y title's baseline for a plot at <paramref name="plotLeft"/> with tick labels up to <paramref name="tickWidth"/> wide.</summary>
    public static double YTitleBaselineFor(double plotLeft, double tickWidth) => plotLeft - TickLabelGap - tickWidth - TitleGap - Descent;

    /// <summary>
    /// The layout of a <paramref name="width"/> × <paramref name="height"/> chart titled <paramref name="title"/>, whose
    /// widest y tick label is <paramref name="yTickWidth"/> pixels, with legend entries <paramref name="names"/> and
    /// legend notes <paramref name="notes"/>.
    /// </summary>
    public static ChartLayout For(int width, int height, string? title, double yTickWidth, IReadOnlyList<string> names, IReadOnlyList<string> notes)
    {
        var titleLines = TextMetrics.Wrap(title, TextMetrics.CharsIn(width - 24, TitleFontSize));
        double top = 40 + (titleLines.Count - 1) * TitleLineHeight;
        yTickWidth = Math.Min(yTickWidth, width / 3.0);
        double left = PlotLeftFor(yTickWidth);
        double yTitle = YTitleBaselineFor(left, yTickWidth);
        double bottom = height - BottomMargin;
        if (width >= 480 && LegendLayout.FitsRight(names, notes, bottom - top))
        {
            double right = width - RightMargin - LegendLayout.RightWidth;
            var legend = LegendLayout.Right(names, right + 16, top + 12);
            return new ChartLayout(width, height, new PlotBox(left, top, right, bottom), titleLines, yTitle, legend);
        }
        double legendHeight = names.Count == 0 && notes.Count == 0 ? 0 : LegendLayout.Below(names, notes, left, width - RightMargin, 0).Height;
        double minPlot = Math.Min(200, height * 0.5);
        bottom = Math.Max(top + minPlot, height - BottomMargin - legendHeight - 4);
        double legendTop = bottom + BottomMargin + 12;
        var below = LegendLayout.Below(names, notes, left, width - RightMargin, legendTop);
        // Too many entries for the height asked: the chart grows rather than letting the legend spill out of the viewBox.
        int fullHeight = Math.Max(height, (int)Math.Ceiling(legendTop + below.Height - LegendLayout.RowHeight + 10));
        return new ChartLayout(width, fullHeight, new PlotBox(left, top, width - RightMargin, bottom), titleLines, yTitle, below);
    }
}
