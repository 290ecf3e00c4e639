using System.Globalization;
using Sim.Worlds.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// <c>sim run --costs</c>: per device, where the time of a request went (<see cref="DeviceCosts"/>): who paid (the
/// driver's vCPU or the backend's thread), the cost-profile entry, operations per request, busy and delay time per
/// request in µs, and the share of the mean latency. Narrow enough for an 80-column terminal.
/// </summary>
internal static class CostsTable
{
    /// <summary>Writes one table per device that has a cost breakdown; a line when none has.</summary>
    public static void Write(TextWriter output, RunResults results)
    {
        var console = OutputConsole.For(output);
        var devices = DeviceCosts.From(results);
        if (devices.Count == 0)
        {
            console.WriteLine("costs: no device in this run keeps a cost ledger");
            return;
        }
        foreach (var device in devices)
        {
            string title = $"{device.Device}: {device.Requests.ToString("N0", CultureInfo.InvariantCulture)} requests, " +
                $"latency {Us(device.LatencyMean)} µs; per request";
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
            foreach (string column in new[] { "paid by", "entry", "count", "busy µs", "delay µs", "of lat." })
                table.AddColumn(new TableColumn(column).RightAligned());
            table.Columns[0].LeftAligned();
            table.Columns[1].LeftAligned();
            foreach (var line in device.Lines)
            {
                table.AddRow(line.Side, Markup.Escape(line.Entry), Count(line.CountPerRequest), Us(line.BusyPerRequest), Us(line.DelayPerRequest),
                    line.LatencyShare.ToString("P0", CultureInfo.InvariantCulture));
            }
            foreach (string side in DeviceCosts.Sides)
                table.AddRow($"[bold]{side}[/]", "[bold]busy in all[/]", "", $"[bold]{Us(device.BusyPerRequest(side))}[/]", "", "");
            console.Write(table);
        }
    }

    private static string Us(double seconds) => (seconds * 1e6).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Count(double count) => count >= 1000
        ? count.ToString("N0", CultureInfo.InvariantCulture)
        : count.ToString("0.###", CultureInfo.InvariantCulture);
}
