namespace Sim.Reports;

/// <summary>
/// Which values an axis can draw, and the axis a chart gets from the values it draws.
/// <list type="bullet">
/// <item>Drawable: finite; on a log axis also &gt; 0; on a categorical axis also within half a step of a category
/// index (from -0.5 to n-0.5). Anything else is skipped: not drawn, not counted.</item>
/// <item>Zero on the value axis: a linear Y axis whose values are all ≥ 0 is extended down to 0 when its minimum is at
/// most 30% of its maximum (then the empty part below the data is at most 30% of the axis), and likewise up to 0 for
/// values all ≤ 0. Farther from zero the axis hugs the data so the variation stays readable.</item>
/// <item>Bounds: a linear axis whose values are all within the axis' <see cref="Axis.Bounds"/> does not extend below its
/// minimum (all zeros give 0..1, not -1..1).</item>
/// <item>No data: a linear axis shows 0..1, a log axis 1..10, a categorical axis its categories.</item>
/// </list>
/// </summary>
internal static class AxisDomain
{
    /// <summary>How far from zero (as a fraction of the far end) the near end of a one-signed Y range may be and still get 0.</summary>
    public const double ZeroInclusionFraction = 0.3;

    /// <summary>Whether <paramref name="axis"/> can draw <paramref name="value"/>.</summary>
    public static bool Accepts(Axis axis, double value)
    {
        if (!double.IsFinite(value)) return false;
        if (axis.Categories is { } categories) return value >= -0.5 && value <= Math.Max(categories.Count, 1) - 0.5;
        return axis.Scale != AxisScale.Log || value > 0;
    }

    /// <summary>
    /// The layout of <paramref name="axis"/> for drawn values from <paramref name="min"/> to <paramref name="max"/>
    /// (<paramref name="hasData"/> false when nothing is drawn); <paramref name="preferZero"/> applies the zero rule.
    /// </summary>
    public static AxisLayout Resolve(Axis axis, bool hasData, double min, double max, bool preferZero)
    {
        if (axis.Categories is { } categories) return AxisTicks.Categorical(categories);
        if (axis.Scale == AxisScale.Log) return hasData ? AxisTicks.Log(min, max, axis.Unit) : AxisTicks.Log(1, 10, axis.Unit);
        if (!hasData) return AxisTicks.Linear(0, 1, axis.Unit);
        if (preferZero)
        {
            if (min > 0 && min <= ZeroInclusionFraction * max) min = 0;
            else if (max < 0 && max >= ZeroInclusionFraction * min) max = 0;
        }
        var layout = AxisTicks.Linear(min, max, axis.Unit);
        // A quantity that cannot go below its bound (a count of 0 everywhere) gets no ticks below it either.
        if (axis.Bounds is { } bounds && min >= bounds.Min && layout.Min < bounds.Min)
        {
            layout = AxisTicks.Linear(bounds.Min, max > bounds.Min ? max : bounds.Min + 1, axis.Unit);
        }
        return layout;
    }
}
