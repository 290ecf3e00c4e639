namespace Sim.Core.Statistics;

/// <summary>
/// The names of the kinds of <see cref="Metric"/>, as they appear in <see cref="MetricSummary.Kind"/> and in results.
/// Each kind fixes the names and order of its summary values (see the constant for each kind).
/// </summary>
public static class MetricKind
{
    /// <summary>A count of events (<see cref="Statistics.Counter"/>). Summary values: <c>count</c>.</summary>
    public const string Counter = "counter";

    /// <summary>A level held between changes (<see cref="TimeWeightedGauge"/>). Summary values: <c>mean</c>, <c>min</c>, <c>max</c>, <c>last</c>.</summary>
    public const string Gauge = "gauge";

    /// <summary>
    /// A distribution of samples (<see cref="LatencyHistogram"/>). Summary values:
    /// <c>count</c>, <c>mean</c>, <c>p50</c>, <c>p90</c>, <c>p99</c>, <c>max</c>, <c>min</c>.
    /// </summary>
    public const string Histogram = "histogram";

    /// <summary>The time integral of a rate (<see cref="TimeIntegral"/>), e.g. energy from power. Summary values: <c>total</c>, <c>rate</c>.</summary>
    public const string Integral = "integral";

    /// <summary>One counter per another (<see cref="RatioMetric"/>), e.g. kicks per request. Summary values: <c>value</c>, <c>numerator</c>, <c>denominator</c>.</summary>
    public const string Ratio = "ratio";

    /// <summary>
    /// Where a resource's time went (<see cref="Costs.CostLedger"/>). Summary values, per charge name in ordinal order:
    /// <c>NAME.count</c>, <c>NAME.busy</c>, <c>NAME.delay</c>; then <c>busy</c> and <c>delay</c>.
    /// </summary>
    public const string Ledger = "ledger";
}
