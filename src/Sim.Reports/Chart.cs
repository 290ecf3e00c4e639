namespace Sim.Reports;

/// <summary>
/// A two-axis chart of one or more series, each a list of points with an optional band (a confidence interval, or a
/// min-max range) drawn as a shaded area behind the line.
/// </summary>
/// <param name="Id">A stable id, unique in its report (letters, digits, '-'); it becomes the SVG's <c>data-chart-id</c>.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The vertical axis.</param>
/// <param name="Series">The series, drawn in order, each in its own colour and named in the legend.</param>
public sealed record Chart(string Id, string Title, Axis X, Axis Y, IReadOnlyList<ChartSeries> Series);

/// <summary>A chart axis.</summary>
/// <param name="Label">The axis label, with its unit (e.g. "latency (µs)").</param>
/// <param name="Scale">Linear or logarithmic (a log axis skips values &lt;= 0).</param>
/// <param name="Categories">When set, the axis is categorical: a point's coordinate is an index into this list, and
/// ticks are these names, evenly spaced.</param>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null);

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Evenly spaced values.</summary>
    Linear,

    /// <summary>Evenly spaced powers of ten; values of zero or less cannot be drawn and are skipped.</summary>
    Log,
}

/// <summary>How a series is drawn.</summary>
public enum SeriesShape
{
    /// <summary>Straight segments between points, with a marker at every point (metric vs parameter).</summary>
    LineWithPoints,

    /// <summary>A staircase: each value holds until the next point (CDFs, a bus level over time).</summary>
    Step,

    /// <summary>Straight segments, no markers (dense time series).</summary>
    Line,
}

/// <summary>One named series of a chart.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="Points">Its points, in increasing X. A point with a NaN or infinite coordinate (or one its axis cannot
/// draw) is skipped: not drawn, not counted, and the line breaks there.</param>
/// <param name="Shape">How it is drawn.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, SeriesShape Shape = SeriesShape.LineWithPoints);

/// <summary>One point of a series, with an optional band from <paramref name="Low"/> to <paramref name="High"/>.</summary>
/// <param name="X">The horizontal coordinate (a category index on a categorical axis).</param>
/// <param name="Y">The vertical coordinate.</param>
/// <param name="Low">The band's lower edge at this X; null for no band.</param>
/// <param name="High">The band's upper edge at this X; null for no band.</param>
public sealed record ChartPoint(double X, double Y, double? Low = null, double? High = null);
