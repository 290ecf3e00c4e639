using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>One item's entry in a compared metric: its value and how it differs from the baseline's.</summary>
/// <param name="Item">The item.</param>
/// <param name="IsBaseline">Whether the item is the baseline (no difference to show).</param>
/// <param name="Value">Its value of the metric; null when it does not have the metric.</param>
/// <param name="Difference">Its mean minus the baseline's; null for the baseline or when either value is missing.</param>
/// <param name="RelativePercent">The difference as a percentage of |baseline mean|; null also when the baseline mean is 0 and the difference is not.</param>
/// <param name="Overlap">Whether its interval and the baseline's overlap; null for the baseline or when either value is missing.</param>
public sealed record ComparisonCell(
    ComparedItem Item,
    bool IsBaseline,
    ComparedValue? Value,
    double? Difference,
    double? RelativePercent,
    IntervalOverlap? Overlap)
{
    /// <summary>The entry of <paramref name="value"/> against the baseline's value <paramref name="baseline"/>.</summary>
    public static ComparisonCell Against(ComparedItem item, ComparedValue? value, ComparedValue? baseline)
    {
        if (value is null || baseline is null) return new ComparisonCell(item, false, value, null, null, null);
        double difference = value.Mean - baseline.Mean;
        return new ComparisonCell(item, false, value, difference, RelativeDifference(difference, baseline.Mean), value.OverlapWith(baseline));
    }

    /// <summary>
    /// <paramref name="difference"/> as a percentage of |<paramref name="baselineMean"/>|: 0 when there is no difference,
    /// null when the baseline mean is 0 and there is one (no meaningful percentage).
    /// </summary>
    public static double? RelativeDifference(double difference, double baselineMean) =>
        difference == 0 ? 0
        : baselineMean == 0 ? null
        : difference / Math.Abs(baselineMean) * 100;
}
