using System.Globalization;
using Sim.Scenarios.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The side-by-side table of interconnect variants (see <see cref="InterconnectComparison"/>): energy, mean power and
/// level, transitions, utilisation, deadline misses, SCMI messages, and per VM the bandwidth requested (average vote)
/// against obtained, with its display's misses.
/// </summary>
internal static class InterconnectTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<InterconnectComparison> lines)
    {
        var vms = lines.SelectMany(l => l.Vms.Select(v => v.Vm)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "variant", "energy J", "power W", "level", "trans", "util", "misses", "SCMI msgs" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (string vm in vms) table.AddColumn(new TableColumn($"{vm} MB/s req/got (miss)").RightAligned());
        table.Columns[0].LeftAligned().NoWrap();
        foreach (var line in lines)
        {
            var cells = new List<string>
            {
                Markup.Escape(line.Variant), N(line.EnergyJoules, "0.000"), N(line.MeanPowerWatts, "0.000"), N(line.MeanLevel, "0.00"),
                N(line.Transitions, "N0"), N(line.Utilization, "0.00"), line.DeadlineMisses > 0 ? $"[red]{line.DeadlineMisses}[/]" : "0",
                N(line.ScmiMessages, "N0"),
            };
            foreach (string vm in vms)
            {
                var v = line.Vms.FirstOrDefault(x => x.Vm == vm);
                cells.Add(v is null ? "" : $"{N(v.RequestedAverage / 1e6, "0")}/{N(v.Obtained / 1e6, "0")} ({v.DeadlineMisses})");
            }
            table.AddRow(cells.ToArray());
        }
        table.Caption("energy, power, level, util: bus over the measured window; req: mean voted average; got: bytes the bus delivered per second; miss: display deadline misses");
        console.Write(table);
    }

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
