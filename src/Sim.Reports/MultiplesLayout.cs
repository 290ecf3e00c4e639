namespace Sim.Reports;

/// <summary>One panel of a small-multiples figure, placed.</summary>
/// <param name="Plot">Its plot area.</param>
/// <param name="TitleLines">Its title, wrapped to the plot's width.</param>
/// <param name="TitleBaseline">The baseline of the title's first line.</param>
/// <param name="XTicks">Whether it writes x tick labels (it is the lowest panel of its column).</param>
/// <param name="YTicks">Whether it writes y tick labels (it is in the first column).</param>
internal sealed record PanelPlacement(PlotBox Plot, IReadOnlyList<string> TitleLines, double TitleBaseline, bool XTicks, bool YTicks);

/// <summary>
/// Where the parts of a small-multiples figure go in its viewBox: the title on top, the shared legend under it (left
/// out when there is a single series name and no note), then the grid of panels, row by row, every plot
/// <see cref="PlotHeight"/> tall and equally wide, each under its own title (every row keeps room for the longest one).
/// Only the first column writes y tick labels and only the lowest panel of each column writes x tick labels; the
/// columns are far enough apart that neighbouring x labels never touch; fewer panels than fit a row keep the width
/// they would have in a full row. The axis titles are written once for the
/// figure: the rotated y title left of the grid, clear of the widest y tick label, the x title under it.
/// </summary>
/// <param name="Width">The viewBox width.</param>
/// <param name="Height">The viewBox height.</param>
/// <param name="TitleLines">The figure's title, wrapped.</param>
/// <param name="Legend">The shared legend's placement; null when there is none.</param>
/// <param name="Panels">The panels, in reading order.</param>
/// <param name="Grid">The box spanning every panel's title and plot.</param>
/// <param name="YTitleBaseline">The horizontal position of the rotated y title's baseline.</param>
internal sealed record MultiplesLayout(int Width, int Height, IReadOnlyList<string> TitleLines, LegendLayout? Legend,
    IReadOnlyList<PanelPlacement> Panels, PlotBox Grid, double YTitleBaseline)
{
    /// <summary>The height of every panel's plot.</summary>
    public const double PlotHeight = 120;

    /// <summary>The distance between the lines of a panel title.</summary>
    public const double PanelTitleLineHeight = 15;

    /// <summary>Below a plot: its tick marks and x tick labels, and a gap before the next row's titles.</summary>
    private const double RowGap = 30;

    /// <summary>The least horizontal gap between neighbouring plots.</summary>
    private const double MinColumnGap = 24;

    /// <summary>Below the grid: the x axis title.</summary>
    private const double BottomMargin = 48;

    /// <summary>
    /// The layout of a figure <paramref name="width"/> wide titled <paramref name="title"/>, with panels titled
    /// <paramref name="panelTitles"/> in <paramref name="columns"/> columns (null: the whole number of panels about
    /// <paramref name="panelWidth"/> pixels wide nearest to filling the width), whose widest y and x tick labels are <paramref name="yTickWidth"/> and
    /// <paramref name="xTickWidth"/> pixels, with shared legend entries <paramref name="names"/> and notes <paramref name="notes"/>.
    /// </summary>
    public static MultiplesLayout For(int width, string? title, IReadOnlyList<string> panelTitles, int? columns, double panelWidth,
        double yTickWidth, double xTickWidth, IReadOnlyList<string> names, IReadOnlyList<string> notes)
    {
        var titleLines = TextMetrics.Wrap(title, TextMetrics.CharsIn(width - 24, ChartLayout.TitleFontSize));
        double titleBaseline = 24 + (titleLines.Count - 1) * ChartLayout.TitleLineHeight;
        yTickWidth = Math.Min(yTickWidth, width / 4.0);
        double left = ChartLayout.PlotLeftFor(yTickWidth);
        double right = width - Math.Max(16, xTickWidth / 2 + 4);
        double gap = Math.Max(MinColumnGap, xTickWidth + 12);
        int count = panelTitles.Count;
        // The nearest whole number of panels: a row of 3.9 panels' worth gets four, each a little narrower.
        int fit = (int)Math.Round((right - left + gap) / panelWidth, MidpointRounding.AwayFromZero);
        // Fixed columns are never more than the panels; fitted ones keep their width when there are fewer panels, so a
        // lone panel is not stretched over the whole figure.
        int perRow = columns is { } fixedColumns ? Math.Clamp(fixedColumns, 1, Math.Max(1, count)) : Math.Max(1, fit);
        double plotWidth = (right - left - (perRow - 1) * gap) / perRow;
        int used = Math.Clamp(count, 1, perRow);
        right = left + used * plotWidth + (used - 1) * gap;

        LegendLayout? legend = null;
        double gridTop = titleBaseline + 14;
        if (names.Count > 1 || notes.Count > 0)
        {
            // Entries in columns no wider than their names need, rather than spread over the figure's width.
            double legendRight = notes.Count > 0 || names.Count == 0 ? right : Math.Min(right, left + names.Count * LegendLayout.ColumnWidth(names));
            legend = LegendLayout.Below(names, notes, left, legendRight, titleBaseline + 28);
            gridTop = titleBaseline + 28 + legend.Height - LegendLayout.RowHeight + 14;
        }

        int titleChars = TextMetrics.CharsIn(plotWidth, ChartLayout.LabelFontSize);
        var wrapped = panelTitles.Select(t => TextMetrics.Wrap(t, titleChars)).ToList();
        int titleRows = wrapped.Count == 0 ? 1 : wrapped.Max(w => w.Count);
        double titleBlock = titleRows * PanelTitleLineHeight + 6;
        double rowHeight = titleBlock + PlotHeight + RowGap;
        var panels = new List<PanelPlacement>(count);
        for (int i = 0; i < count; i++)
        {
            int row = i / perRow, column = i % perRow;
            double rowTop = gridTop + row * rowHeight;
            double plotLeft = left + column * (plotWidth + gap);
            var plot = new PlotBox(plotLeft, rowTop + titleBlock, plotLeft + plotWidth, rowTop + titleBlock + PlotHeight);
            panels.Add(new PanelPlacement(plot, wrapped[i], rowTop + 12, XTicks: i + perRow >= count, YTicks: column == 0));
        }
        int rows = Math.Max(1, (count + perRow - 1) / perRow);
        double gridBottom = gridTop + rows * rowHeight - RowGap;
        int height = (int)Math.Ceiling(gridBottom + BottomMargin);
        return new MultiplesLayout(width, height, titleLines, legend, panels, new PlotBox(left, gridTop, right, gridBottom),
            ChartLayout.YTitleBaselineFor(left, yTickWidth));
    }
}
