using Sim.Reports;
using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The side-by-side table of interconnect variants (see <see cref="InterconnectComparison"/>): energy, mean power and
/// level, transitions, utilisation, deadline misses, SCMI messages, and per VM the bandwidth requested (average vote)
/// against obtained, with its display's misses.
/// </summary>
internal static class InterconnectTable
{
    /// <summary>The table of <paramref name="lines"/>.</summary>
    public static TextTable Build(IReadOnlyList<InterconnectComparison> lines)
    {
        var vms = lines.SelectMany(l => l.Vms.Select(v => v.Vm)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var headers = new List<string> { "energy", "mean power", "mean level", "transitions", "utilisation", "deadline misses", "SCMI messages" };
        headers.AddRange(vms.Select(vm => $"{vm} req/got (misses)"));
        var rows = new List<TextRow>();
        foreach (var line in lines)
        {
            var cells = new List<string>
            {
                Quantity.Format(line.EnergyJoules, "J"), Quantity.Format(line.MeanPowerWatts, "W"), Quantity.Ratio(line.MeanLevel),
                Quantity.Count(line.Transitions), Quantity.Ratio(line.Utilization), Quantity.Count(line.DeadlineMisses), Quantity.Count(line.ScmiMessages),
            };
            foreach (string vm in vms)
            {
                var v = line.Vms.FirstOrDefault(x => x.Vm == vm);
                cells.Add(v is null ? "" : $"{Quantity.Format(v.RequestedAverage, "B/s")} / {Quantity.Format(v.Obtained, "B/s")} ({v.DeadlineMisses})");
            }
            rows.Add(new TextRow(line.Variant, cells));
        }
        return new TextTable("variant", headers, rows,
            Caption: "bus figures over the measured window; req: mean voted average; got: bytes the bus delivered per second; misses: display deadline misses");
    }
}
