using Sim.Core.Statistics;

namespace Sim.Worlds.Results;

/// <summary>
/// Where one device's time went, per completed request: every cost its driver's vCPU and its backend's thread were
/// charged in the measured window (their ledgers, <c>guest/device/driver/costs</c> and <c>.../backend/costs</c>), as
/// operations, busy time and delay time per request, and each line's share of the mean latency. Busy time occupies a
/// CPU; delay time is a notification in flight or a device's latency. A share is that line's time per request over the
/// mean latency: with several requests in flight and work overlapping, the shares need not add up to one. Plain data.
/// </summary>
/// <param name="Device">The device's path (<c>guest/device</c>).</param>
/// <param name="Requests">Requests the driver completed in the measured window.</param>
/// <param name="LatencyMean">Their mean latency (s).</param>
/// <param name="Lines">One line per side and charge, driver first, then by charge name.</param>
public sealed record DeviceCosts(string Device, long Requests, double LatencyMean, IReadOnlyList<DeviceCostLine> Lines)
{
    /// <summary>The sides a device's costs are paid on, in the order lines are listed.</summary>
    public static readonly IReadOnlyList<string> Sides = ["driver", "backend"];

    /// <summary>The cost breakdown of every device in <paramref name="results"/> with a driver ledger, by path (ordinal).</summary>
    public static IReadOnlyList<DeviceCosts> From(RunResults results)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var devices = new List<DeviceCosts>();
        foreach (var (path, summary) in results.Metrics)
        {
            if (summary.Kind != MetricKind.Ledger || !path.EndsWith("/driver/costs", StringComparison.Ordinal)) continue;
            string device = path[..^"/driver/costs".Length];
            if (!metrics.ContainsKey($"{device}/driver/requests")) continue;
            long requests = DeviceComparison.CompletedIn(metrics, device);
            double latency = metrics.TryGetValue($"{device}/driver/latency", out var l) ? l.Get("mean") : 0;
            var lines = new List<DeviceCostLine>();
            foreach (string side in Sides)
            {
                if (!metrics.TryGetValue($"{device}/{side}/costs", out var ledger)) continue;
                lines.AddRange(LinesOf(side, ledger, requests, latency));
            }
            devices.Add(new DeviceCosts(device, requests, latency, lines));
        }
        return devices.OrderBy(d => d.Device, StringComparer.Ordinal).ToList();
    }

    /// <summary>The line for <paramref name="entry"/> paid on <paramref name="side"/>, or null.</summary>
    public DeviceCostLine? Line(string side, string entry) => Lines.FirstOrDefault(l => l.Side == side && l.Entry == entry);

    /// <summary>Busy time per request on <paramref name="side"/> (s), every charge together.</summary>
    public double BusyPerRequest(string side) => Lines.Where(l => l.Side == side).Sum(l => l.BusyPerRequest);

    /// <summary>The results-file form: requests, latency and the lines.</summary>
    public Dictionary<string, object?> ToTree() => new(StringComparer.Ordinal)
    {
        ["requests"] = Requests,
        ["latencyMean"] = LatencyMean,
        ["costs"] = Lines.Select(l => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["side"] = l.Side,
            ["entry"] = l.Entry,
            ["countPerRequest"] = l.CountPerRequest,
            ["busyPerRequest"] = l.BusyPerRequest,
            ["delayPerRequest"] = l.DelayPerRequest,
            ["latencyShare"] = l.LatencyShare,
        }).ToList(),
    };

    private static IEnumerable<DeviceCostLine> LinesOf(string side, MetricSummary ledger, long requests, double latency)
    {
        var values = ledger.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        double per = requests > 0 ? 1.0 / requests : 0;
        foreach (var (name, _) in ledger.Values)
        {
            if (!name.EndsWith(".busy", StringComparison.Ordinal)) continue;
            string entry = name[..^".busy".Length];
            double busy = values[name], delay = values[entry + ".delay"], count = values[entry + ".count"];
            yield return new DeviceCostLine(side, entry, count * per, busy * per, delay * per, latency > 0 ? (busy + delay) * per / latency : 0);
        }
    }
}

/// <summary>One charge of a device's cost breakdown, per request. Plain data.</summary>
/// <param name="Side">Who paid: <c>driver</c> (the guest vCPU) or <c>backend</c> (the backend thread).</param>
/// <param name="Entry">The cost-profile entry (or charge name).</param>
/// <param name="CountPerRequest">Operations (bytes for a bandwidth) per request.</param>
/// <param name="BusyPerRequest">Busy time per request (s).</param>
/// <param name="DelayPerRequest">Delay time per request (s).</param>
/// <param name="LatencyShare">(Busy + delay) per request over the mean latency.</param>
public sealed record DeviceCostLine(string Side, string Entry, double CountPerRequest, double BusyPerRequest, double DelayPerRequest, double LatencyShare);
