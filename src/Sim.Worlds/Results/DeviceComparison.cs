using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Worlds.Results;

/// <summary>
/// One device's line in a mechanism comparison: throughput, latency, hypervisor operations per request and exposure,
/// gathered from the run's metrics under the device's path (<c>driver/*</c>, <c>platform</c>, <c>exposure</c>).
/// Throughput counts requests completed after the warm-up, over the measured window; for a network device a request is
/// a frame, sent or received (<c>driver/requests</c> plus <c>driver/rxPackets</c>).
/// </summary>
/// <param name="Device">The device's path (<c>guest/device</c>).</param>
/// <param name="Requests">Requests completed in the measured window.</param>
/// <param name="Iops">Requests per second.</param>
/// <param name="BytesPerSecond">Data bytes per second.</param>
/// <param name="LatencyMean">Mean issue-to-reclaim latency (s).</param>
/// <param name="LatencyP99">99th percentile latency (s).</param>
/// <param name="KicksPerRequest">Driver notifications per request (what notification suppression saves).</param>
/// <param name="InterruptsPerRequest">Used-buffer interrupts taken per request.</param>
/// <param name="ExitsPerRequest">vCPU exits per request.</param>
/// <param name="HypercallsPerRequest">Hypercalls per request.</param>
/// <param name="GrantOpsPerRequest">Grant maps, unmaps and copies per request.</param>
/// <param name="IpisPerRequest">TLB-flush IPIs per request.</param>
/// <param name="IotlbMissesPerRequest">IOTLB misses per request.</param>
/// <param name="IommuRequestsPerRequest">virtio-iommu requests per request.</param>
/// <param name="CopiesPerRequest">Copies made by the mechanism per request.</param>
/// <param name="BytesCopiedPerRequest">Bytes those copies moved per request.</param>
/// <param name="ExposedPagesMean">Guest pages reachable by the backend, time-averaged.</param>
/// <param name="ExposedPagesPeak">Peak of reachable pages.</param>
/// <param name="StalePageSeconds">Page-seconds reachable after the guest took them back.</param>
/// <param name="Violations">Accesses the oracle refused.</param>
public sealed record DeviceComparison(
    string Device, long Requests, double Iops, double BytesPerSecond, double LatencyMean, double LatencyP99,
    double KicksPerRequest, double InterruptsPerRequest, double ExitsPerRequest, double HypercallsPerRequest, double GrantOpsPerRequest, double IpisPerRequest,
    double IotlbMissesPerRequest, double IommuRequestsPerRequest, double CopiesPerRequest, double BytesCopiedPerRequest,
    double ExposedPagesMean, double ExposedPagesPeak, double StalePageSeconds, double Violations)
{
    /// <summary>The comparison lines of every device in <paramref name="results"/> that has platform metrics, by path.</summary>
    public static IReadOnlyList<DeviceComparison> From(RunResults results)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        SimTime window = results.Outcome.SimulatedTime - results.Warmup;
        double seconds = Math.Max(window.TotalSeconds, double.Epsilon);
        var lines = new List<DeviceComparison>();
        foreach (var (path, summary) in results.Metrics)
        {
            if (summary.Kind != "platform" || !path.EndsWith("/platform", StringComparison.Ordinal)) continue;
            string device = path[..^"/platform".Length];
            double Value(string metric, string name) => metrics.TryGetValue($"{device}/{metric}", out var s) ? s.Get(name) : 0;
            double P(string name) => summary.Get(name + "PerRequest");
            long requests = CompletedIn(metrics, device);
            // Per request completed, received frames included; a driver that keeps only a ratio gauge is read as it is.
            double PerCompleted(string counter, string gauge) => metrics.ContainsKey($"{device}/{counter}")
                ? (requests > 0 ? Value(counter, "count") / requests : 0)
                : Value(gauge, "value");
            lines.Add(new DeviceComparison(
                device, requests, requests / seconds, (Value("driver/bytes", "count") + Value("driver/rxBytes", "count")) / seconds,
                Value("driver/latency", "mean"), Value("driver/latency", "p99"),
                PerCompleted("driver/kicks", "driver/kicksPerRequest"), PerCompleted("driver/interrupts", "driver/interruptsPerRequest"),
                P("exits"), P("hypercalls"), P("grantMaps") + P("grantUnmaps") + P("grantCopies"), P("flushIpis"),
                P("iotlbMisses"), P("iommuRequests"), P("copies"), P("bytesCopied"),
                Value("exposure", "pagesMean"), Value("exposure", "pagesPeak"), Value("exposure", "stalePageSeconds"),
                Value("exposure", "violations"))
            {
                CoalescedPerRequest = requests > 0 ? Value("backend/interruptsCoalesced", "count") / requests : 0,
            });
        }
        return lines;
    }

    /// <summary>Interrupts the backend raised while one was still pending (merged with it, not sent), per request: what EVENT_IDX and interrupt suppression save.</summary>
    public double CoalescedPerRequest { get; init; }

    /// <summary>What <paramref name="device"/> completed in the measured window: its requests, and for a network device the frames it received too.</summary>
    internal static long CompletedIn(IReadOnlyDictionary<string, MetricSummary> metrics, string device)
    {
        double Count(string metric) => metrics.TryGetValue($"{device}/{metric}", out var s) ? s.Get("count") : 0;
        return (long)(Count("driver/requests") + Count("driver/rxPackets"));
    }
}
