using System.Globalization;
using Sim.Scenarios.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The side-by-side table of devices that run on a platform: throughput, latency (mean, p99), kicks, interrupts and
/// hypervisor operations per request, and exposure, one row per device (see <see cref="DeviceComparison"/>).
/// </summary>
internal static class DeviceComparisonTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<DeviceComparison> lines)
    {
        var table = new Table().Border(TableBorder.Rounded);
        string[] columns =
        [
            "device", "IOPS", "MB/s", "lat mean", "lat p99", "kicks", "irqs", "exits", "hcalls", "grant ops", "IPIs",
            "IOTLB miss", "copies", "KiB copied", "exposed", "peak", "stale pg-s",
        ];
        foreach (string column in columns) table.AddColumn(new TableColumn(column).RightAligned());
        table.Columns[0].LeftAligned().NoWrap();
        foreach (var d in lines)
        {
            table.AddRow(
                Markup.Escape(d.Device), N(d.Iops, "N0"), N(d.BytesPerSecond / 1e6, "N1"), Time(d.LatencyMean), Time(d.LatencyP99),
                N(d.KicksPerRequest), N(d.InterruptsPerRequest), N(d.ExitsPerRequest), N(d.HypercallsPerRequest), N(d.GrantOpsPerRequest), N(d.IpisPerRequest),
                N(d.IotlbMissesPerRequest), N(d.CopiesPerRequest), N(d.BytesCopiedPerRequest / 1024),
                N(d.ExposedPagesMean, "N0"), N(d.ExposedPagesPeak, "N0"), N(d.StalePageSeconds, "G3"));
        }
        table.Caption("kicks ... KiB copied: per request; exposed, peak: guest pages the backend can reach (time mean, peak); stale: page-seconds reachable after the guest unmapped them");
        console.Write(table);
    }

    private static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(double seconds) => seconds switch
    {
        0 => "0",
        < 1e-3 => (seconds * 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "us",
        _ => (seconds * 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "ms",
    };
}
