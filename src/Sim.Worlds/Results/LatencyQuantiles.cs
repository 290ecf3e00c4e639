using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Worlds.Results;

/// <summary>
/// The quantile function of one latency histogram at the fixed <see cref="Percents"/>: enough points to draw its CDF,
/// and to average several replications' distributions quantile by quantile (Vincent averaging).
/// </summary>
/// <param name="Path">The histogram's metric path.</param>
/// <param name="Seconds">The latency at each of <see cref="Percents"/>, in seconds (nearest rank, within the histogram's 1/256).</param>
public sealed record LatencyQuantiles(string Path, IReadOnlyList<double> Seconds)
{
    /// <summary>The percentiles kept, from the minimum (0) to the maximum (100), denser in the tail.</summary>
    public static IReadOnlyList<double> Percents { get; } = [0, 1, 2.5, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97.5, 99, 99.5, 99.9, 100];

    /// <summary>The quantiles of <paramref name="histogram"/>.</summary>
    public static LatencyQuantiles Of(LatencyHistogram histogram) => new(histogram.Path, Percents
        .Select(p => p == 0 ? histogram.Histogram.Min : histogram.Histogram.ValueAtPercentile(p))
        .Select(ps => new SimTime(ps).TotalSeconds)
        .ToList());
}
