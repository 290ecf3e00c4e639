using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// One metric value of one compared item: the mean over its <see cref="Count"/> samples (1 for a single run) and, when
/// there are at least two samples, the half-width of its confidence interval (null without an interval).
/// </summary>
/// <param name="Count">The number of samples (replications), n.</param>
/// <param name="Mean">The mean, or the single run's value.</param>
/// <param name="HalfWidth">Half the confidence interval's width; null when there is no interval (n = 1).</param>
/// <param name="Unit">The unit of the value (<see cref="Studies.ValueUnits"/>; "" for a plain number); null when the results do not record it.</param>
public sealed record ComparedValue(int Count, double Mean, double? HalfWidth, string? Unit = null)
{
    /// <summary>Whether this value has a confidence interval.</summary>
    public bool HasInterval => HalfWidth is { } h && !double.IsNaN(h);

    /// <summary>
    /// Whether this value's interval and <paramref name="other"/>'s overlap: <see cref="IntervalOverlap.NotApplicable"/>
    /// when neither has one; when only one has one, whether the other's mean lies within it; otherwise whether the two
    /// intervals share a value.
    /// </summary>
    public IntervalOverlap OverlapWith(ComparedValue other)
    {
        if (!HasInterval && !other.HasInterval) return IntervalOverlap.NotApplicable;
        if (!other.HasInterval) return Contains(other.Mean) ? IntervalOverlap.Yes : IntervalOverlap.No;
        if (!HasInterval) return other.Contains(Mean) ? IntervalOverlap.Yes : IntervalOverlap.No;
        double a = HalfWidth!.Value, b = other.HalfWidth!.Value;
        return Mean - a <= other.Mean + b && other.Mean - b <= Mean + a ? IntervalOverlap.Yes : IntervalOverlap.No;
    }

    /// <summary>Whether <paramref name="value"/> lies within this value's interval (just equals the mean without one).</summary>
    public bool Contains(double value)
    {
        double h = HasInterval ? HalfWidth!.Value : 0;
        return Mean - h <= value && value <= Mean + h;
    }
}
