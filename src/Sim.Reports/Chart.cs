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
/// <param name="Label">The axis title, naming the quantity ("latency"); the unit goes in <paramref name="Unit"/>.</param>
/// <param name="Scale">Linear or logarithmic (a log axis skips values &lt;= 0).</param>
/// <param name="Categories">When set, the axis is categorical: a point's coordinate is an index into this list, and
/// ticks are these names, evenly spaced.</param>
/// <param name="Unit">The unit of the values in SI base form ("s", "J", "B/s"); every tick label then carries it with
/// an SI prefix ("50 µs"), as do tooltips. Null for plain numbers (counts, levels).</param>
/// <param name="Bounds">The values the quantity can physically take (a count is never negative, a fraction never above
/// 1): band edges beyond them are clipped to them. Null for no bounds.</param>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null, string? Unit = null, AxisBounds? Bounds = null);

/// <summary>The range a quantity can physically take; a confidence band is clipped to it.</summary>
/// <param name="Min">The smallest possible value.</param>
/// <param name="Max">The largest possible value.</param>
public sealed record AxisBounds(double Min, double Max)
{
    /// <summary>Counts, times, energies, rates: never below zero.</summary>
    public static AxisBounds NonNegative { get; } = new(0, double.PositiveInfinity);

    /// <summary>Fractions and probabilities: from 0 to 1.</summary>
    public static AxisBounds Fraction { get; } = new(0, 1);

    /// <summary><paramref name="value"/> clipped into the bounds.</summary>
    public double Clip(double value) => Math.Clamp(value, Min, Max);
}

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

    /// <summary>Markers alone, no line (a scatter of samples: a claim's margin against a cost).</summary>
    Points,
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
