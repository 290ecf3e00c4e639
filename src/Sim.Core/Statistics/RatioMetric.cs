using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// A derived metric: one counter divided by another over the same window (kicks per request, interrupts per
/// request). It owns no state; resetting the counters resets it. An empty denominator gives 0.
/// Summary values, in order: <c>value</c>, <c>numerator</c>, <c>denominator</c>.
/// </summary>
public sealed class RatioMetric(string path, Counter numerator, Counter denominator, string unit = "") : Metric(path, unit)
{
    /// <inheritdoc />
    public override string Kind => MetricKind.Ratio;

    /// <summary>The current ratio.</summary>
    public double Value => denominator.Value == 0 ? 0 : numerator.Value / (double)denominator.Value;

    /// <summary>Nothing to reset: the counters it divides are reset on their own.</summary>
    public override void Reset(SimTime now)
    {
    }

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now) => new(Kind, Unit,
    [
        KeyValuePair.Create("value", Value),
        KeyValuePair.Create("numerator", (double)numerator.Value),
        KeyValuePair.Create("denominator", (double)denominator.Value),
    ]);
}
