using Sim.Reports;
using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The side-by-side table of devices that run on a platform (see <see cref="DeviceComparison"/>): throughput, latency
/// (mean, p99), kicks, interrupts and hypervisor operations per request, and exposure, one row per device, every figure
/// with its unit. A per-request column that is zero for every device (grant operations on KVM, IOTLB misses without an
/// IOMMU) is left out: what matters for the devices shown, not every counter the model has.
/// </summary>
internal static class DeviceComparisonTable
{
    private sealed record Column(string Header, Func<DeviceComparison, double> Value, Func<double, string> Format, bool Always = false);

    private static readonly Column[] Columns =
    [
        new("IOPS", d => d.Iops, v => Quantity.Count(Math.Round(v)), Always: true),
        new("throughput", d => d.BytesPerSecond, v => Quantity.Format(v, "B/s"), Always: true),
        // Shown when some device has them: a net device's frame latency is in its own table (NetLatencyTable), and a
        // receive-only workload never kicks.
        new("latency mean", d => d.LatencyMean, v => Quantity.Format(v, "s")),
        new("latency p99", d => d.LatencyP99, v => Quantity.Format(v, "s")),
        new("kicks/req", d => d.KicksPerRequest, Quantity.Ratio),
        new("irqs/req", d => d.InterruptsPerRequest, Quantity.Ratio, Always: true),
        new("coalesced irqs/req", d => d.CoalescedPerRequest, Quantity.Ratio),
        new("exits/req", d => d.ExitsPerRequest, Quantity.Ratio),
        new("hypercalls/req", d => d.HypercallsPerRequest, Quantity.Ratio),
        new("grant ops/req", d => d.GrantOpsPerRequest, Quantity.Ratio),
        new("IPIs/req", d => d.IpisPerRequest, Quantity.Ratio),
        new("IOTLB misses/req", d => d.IotlbMissesPerRequest, Quantity.Ratio),
        new("IOMMU reqs/req", d => d.IommuRequestsPerRequest, Quantity.Ratio),
        new("copies/req", d => d.CopiesPerRequest, Quantity.Ratio),
        new("copied/req", d => d.BytesCopiedPerRequest, v => Quantity.Format(v, "B")),
        new("exposed pages", d => d.ExposedPagesMean, v => Quantity.Count(Math.Round(v))),
        new("peak pages", d => d.ExposedPagesPeak, v => Quantity.Count(Math.Round(v))),
        new("stale page·s", d => d.StalePageSeconds, Quantity.Digits),
    ];

    /// <summary>The table of <paramref name="lines"/>.</summary>
    public static TextTable Build(IReadOnlyList<DeviceComparison> lines)
    {
        var shown = Columns.Where(c => c.Always || lines.Any(d => c.Value(d) != 0)).ToList();
        var rows = lines.Select(d => new TextRow(d.Device, shown.Select(c => c.Format(c.Value(d))).ToList())).ToList();
        return new TextTable("device", shown.Select(c => c.Header).ToList(), rows,
            Caption: "/req: per request; exposed, peak: guest pages the backend can reach (time mean, peak); stale: page-seconds reachable after the guest unmapped them");
    }
}
