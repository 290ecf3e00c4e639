using Sim.Core.Statistics;

namespace Sim.Worlds.Results;

/// <summary>One VM's line in an interconnect variant: what it asked for, what the bus gave it, how its display fared.</summary>
/// <param name="Vm">The VM (guest name).</param>
/// <param name="RequestedAverage">Time mean of its voted average, B/s (0 when it does not vote).</param>
/// <param name="RequestedPeak">Time mean of its voted peak, B/s.</param>
/// <param name="Obtained">Bytes the bus delivered for it per second of the measured window (display and device DMA).</param>
/// <param name="Frames">Frame reads its display started.</param>
/// <param name="DeadlineMisses">Frames read late or skipped.</param>
/// <param name="FrameLatencyP99">99th percentile vblank-to-last-byte time, s.</param>
/// <param name="Votes">Votes its driver sent.</param>
public sealed record VmBandwidth(string Vm, double RequestedAverage, double RequestedPeak, double Obtained, long Frames, long DeadlineMisses,
    double FrameLatencyP99, long Votes);

/// <summary>
/// One interconnect variant's line (issue 5, "Results"): the bus's energy over the measured window, its mean power and
/// level, level transitions, utilisation, display deadline misses, SCMI messages handled by the aggregator, and a
/// <see cref="VmBandwidth"/> per VM. Gathered from the run's metrics under <c>variant/bus</c>, <c>variant/aggregator</c>
/// and <c>variant/vm/...</c>.
/// </summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="EnergyJoules">Bus energy over the measured window, J.</param>
/// <param name="MeanPowerWatts">Time mean of the bus power, W.</param>
/// <param name="MeanLevel">Time mean of the bus level index.</param>
/// <param name="Transitions">Level transitions completed.</param>
/// <param name="Utilization">Time mean of the bus utilisation.</param>
/// <param name="DeadlineMisses">All displays' deadline misses.</param>
/// <param name="ScmiMessages">SCMI messages the aggregator handled.</param>
/// <param name="Vms">Per VM, by name.</param>
public sealed record InterconnectComparison(string Variant, double EnergyJoules, double MeanPowerWatts, double MeanLevel, long Transitions,
    double Utilization, long DeadlineMisses, long ScmiMessages, IReadOnlyList<VmBandwidth> Vms)
{
    /// <summary>The lines of every interconnect variant in <paramref name="results"/>, in metric-path order.</summary>
    public static IReadOnlyList<InterconnectComparison> From(RunResults results)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        double seconds = Math.Max((results.Outcome.SimulatedTime - results.Warmup).TotalSeconds, double.Epsilon);
        double Get(string path, string value) => metrics.TryGetValue(path, out var s) ? s.Get(value) : 0;
        var lines = new List<InterconnectComparison>();
        foreach (var (path, summary) in results.Metrics)
        {
            if (summary.Kind != "integral" || !path.EndsWith("/bus/energy", StringComparison.Ordinal)) continue;
            string variant = path[..^"/bus/energy".Length];
            string bytesPrefix = $"{variant}/bus/bytes/";
            var vmNames = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var key in metrics.Keys)
            {
                if (key.StartsWith(bytesPrefix, StringComparison.Ordinal)) vmNames.Add(key[bytesPrefix.Length..]);
                else if (key.StartsWith(variant + "/", StringComparison.Ordinal) && key.EndsWith("/voter/votes", StringComparison.Ordinal))
                    vmNames.Add(key[(variant.Length + 1)..^"/voter/votes".Length]);
            }
            var vms = vmNames.Select(vm =>
            {
                string at = $"{variant}/{vm}";
                return new VmBandwidth(vm, Get($"{at}/voter/votedAverage", "mean") * 1000, Get($"{at}/voter/votedPeak", "mean") * 1000,
                    Get(bytesPrefix + vm, "count") / seconds, (long)Get($"{at}/display/frames", "count"),
                    (long)Get($"{at}/display/deadlineMisses", "count"), Get($"{at}/display/frameLatency", "p99"), (long)Get($"{at}/voter/votes", "count"));
            }).ToList();
            lines.Add(new InterconnectComparison(variant, summary.Get("total"), Get($"{variant}/bus/power", "mean"), Get($"{variant}/bus/level", "mean"),
                (long)Get($"{variant}/bus/transitions", "count"), Get($"{variant}/bus/utilization", "mean"), vms.Sum(v => v.DeadlineMisses),
                (long)Get($"{variant}/aggregator/messages", "count"), vms));
        }
        return lines;
    }
}
