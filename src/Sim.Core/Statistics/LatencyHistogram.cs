using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// The distribution of a span of simulated time (request latency, time in queue), kept in picoseconds in a
/// <see cref="LogLinearHistogram"/>: percentiles are within <see cref="LogLinearHistogram.RelativeError"/> (1/256) of
/// the exact ones; count, mean, min and max are exact.
/// Summary unit <c>s</c>; values, in order: <c>count</c>, <c>mean</c>, <c>p50</c>, <c>p90</c>, <c>p99</c>, <c>max</c>,
/// <c>min</c>, <c>stddev</c> (population standard deviation), every one but <c>count</c> in seconds. Percentiles are nearest-rank (see
/// <see cref="LogLinearHistogram.ValueAtPercentile"/>). An empty histogram reports 0 for all of them.
/// </summary>
public sealed class LatencyHistogram : Metric
{
    /// <summary>A histogram at <paramref name="path"/>, e.g. <c>vm0/blk0/read_latency</c>.</summary>
    public LatencyHistogram(string path)
        : base(path, "s")
    {
    }

    /// <summary>
    /// The live histogram of picoseconds beneath, for other percentiles than the summary's, and for merging the
    /// histograms that several logical processes kept for the same path.
    /// </summary>
    public LogLinearHistogram Histogram { get; } = new();

    /// <summary>The number of latencies recorded since the last reset.</summary>
    public long Count => Histogram.Count;

    /// <inheritdoc />
    public override string Kind => MetricKind.Histogram;

    /// <summary>Records one latency. Allocation-free once its octave has been seen.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="latency"/> is negative.</exception>
    public void Record(SimTime latency)
    {
        if (latency.Picoseconds < 0)
            throw new ArgumentOutOfRangeException(nameof(latency), latency, $"histogram '{Path}': a latency cannot be negative");
        Histogram.Record(latency.Picoseconds);
    }

    /// <summary>The nearest-rank <paramref name="percent"/>-th percentile latency (see <see cref="LogLinearHistogram.ValueAtPercentile"/>).</summary>
    public SimTime ValueAtPercentile(double percent) => new(Histogram.ValueAtPercentile(percent));

    /// <summary>Forgets every latency recorded.</summary>
    public override void Reset(SimTime now) => Histogram.Clear();

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now) => new(Kind, Unit,
    [
        KeyValuePair.Create("count", (double)Histogram.Count),
        KeyValuePair.Create("mean", Histogram.Mean / SimTime.PicosPerSecond),
        KeyValuePair.Create("p50", Seconds(Histogram.ValueAtPercentile(50))),
        KeyValuePair.Create("p90", Seconds(Histogram.ValueAtPercentile(90))),
        KeyValuePair.Create("p99", Seconds(Histogram.ValueAtPercentile(99))),
        KeyValuePair.Create("max", Seconds(Histogram.Max)),
        KeyValuePair.Create("min", Seconds(Histogram.Min)),
        KeyValuePair.Create("stddev", Histogram.StandardDeviation / SimTime.PicosPerSecond),
    ]);

    private static double Seconds(long picoseconds) => new SimTime(picoseconds).TotalSeconds;
}
