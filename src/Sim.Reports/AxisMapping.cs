namespace Sim.Reports;

/// <summary>
/// Maps values of a resolved axis to pixel positions between <see cref="Start"/> (the axis minimum) and
/// <see cref="End"/> (its maximum): linearly for linear and categorical axes, in log10 space for log axes. For a
/// vertical axis Start is the bottom pixel and End the top one.
/// </summary>
internal sealed class AxisMapping
{
    private readonly double _from;
    private readonly double _scale;
    private readonly bool _log;

    /// <summary>A mapping of <paramref name="layout"/> onto pixels <paramref name="start"/>..<paramref name="end"/>.</summary>
    public AxisMapping(AxisLayout layout, double start, double end)
    {
        Layout = layout;
        Start = start;
        End = end;
        _log = layout.Kind == AxisKind.Log;
        double from = _log ? Math.Log10(layout.Min) : layout.Min;
        double to = _log ? Math.Log10(layout.Max) : layout.Max;
        _from = from;
        _scale = to > from ? (end - start) / (to - from) : 0;
    }

    /// <summary>The axis mapped.</summary>
    public AxisLayout Layout { get; }

    /// <summary>The pixel of the axis minimum.</summary>
    public double Start { get; }

    /// <summary>The pixel of the axis maximum.</summary>
    public double End { get; }

    /// <summary>The pixel of <paramref name="value"/> (which the axis accepts).</summary>
    public double Map(double value)
    {
        double v = _log ? Math.Log10(value) : value;
        double pixel = Start + (v - _from) * _scale;
        double low = Math.Min(Start, End), high = Math.Max(Start, End);
        return Math.Clamp(pixel, low, high);
    }

    /// <summary>The distance in pixels between neighbouring categories (or between ticks one unit apart).</summary>
    public double UnitLength => Math.Abs(_scale);
}
