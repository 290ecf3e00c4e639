namespace Sim.Reports;

/// <summary>
/// Where the parts of a chart go in its viewBox: the title on top, the plot area, the axes' labels left of and below
/// it, and the legend right of the plot when the entries fit there (and the chart is at least 480 wide), otherwise in
/// columns below the x axis label. The legend never overlaps the plot.
/// </summary>
internal sealed record ChartLayout(
    int Width,
    int Height,
    double PlotLeft,
    double PlotTop,
    double PlotRight,
    double PlotBottom,
    bool LegendOnRight,
    double LegendLeft,
    double LegendTop,
    int LegendColumns,
    double LegendColumnWidth)
{
    /// <summary>Height of one legend row.</summary>
    public const double LegendRowHeight = 18;

    /// <summary>Width kept for a legend right of the plot.</summary>
    public const double RightLegendWidth = 150;

    /// <summary>Most characters of a series name shown in the legend before it is cut with "…".</summary>
    public const int LegendNameChars = 20;

    private const double LeftMargin = 64;
    private const double TopMargin = 40;
    private const double RightMargin = 20;
    private const double BottomMargin = 48;
    private const double MinPlotHeight = 40;
    private const double BelowLegendColumnWidth = 160;

    /// <summary>The plot area's width.</summary>
    public double PlotWidth => PlotRight - PlotLeft;

    /// <summary>The plot area's height.</summary>
    public double PlotHeight => PlotBottom - PlotTop;

    /// <summary>The layout of a <paramref name="width"/> × <paramref name="height"/> chart with <paramref name="seriesCount"/> legend entries.</summary>
    public static ChartLayout For(int width, int height, int seriesCount)
    {
        double plotBottom = height - BottomMargin;
        bool right = width >= 480 && seriesCount * LegendRowHeight <= plotBottom - TopMargin;
        if (right)
        {
            double plotRight = width - RightMargin - RightLegendWidth;
            return new ChartLayout(width, height, LeftMargin, TopMargin, plotRight, plotBottom, true,
                plotRight + 16, TopMargin + 12, 1, RightLegendWidth);
        }
        double usable = width - LeftMargin - RightMargin;
        int columns = Math.Max(1, (int)(usable / BelowLegendColumnWidth));
        int rows = (seriesCount + columns - 1) / columns;
        plotBottom = Math.Max(TopMargin + MinPlotHeight, height - BottomMargin - rows * LegendRowHeight - 8);
        double legendTop = plotBottom + BottomMargin + 8;
        // Too many entries for the height asked: the chart grows rather than letting the legend spill out of the viewBox.
        int fullHeight = Math.Max(height, (int)Math.Ceiling(legendTop + rows * LegendRowHeight));
        return new ChartLayout(width, fullHeight, LeftMargin, TopMargin, width - RightMargin, plotBottom, false,
            LeftMargin, legendTop, columns, usable / columns);
    }
}
