using System.Globalization;
using Sim.Scenarios.Model;
using Sim.Scenarios.Results;
using Sim.Scenarios.Running;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The host-to-VM latency table for scenarios with net host paths (<c>scenarios/network</c>): per device whose host2
/// stages name an STR-68 path, the measured latency of the time-sensitive frames (min, mean, max, standard deviation in
/// µs) beside the published STR-68 figures (<see cref="Str68Table"/>), the samples lost and the deepest queue's mean.
/// </summary>
internal static class NetLatencyTable
{
    private sealed record Line(string Device, Str68Table.Row Row, IReadOnlyDictionary<string, double> Latency, double TimedDropped, string Queue, double QueueMean);

    /// <summary>Writes the table when <paramref name="results"/> has host paths; nothing otherwise.</summary>
    public static void Write(TextWriter output, RunResults results)
    {
        var lines = Lines(results);
        if (lines.Count == 0) return;
        var console = OutputConsole.For(output);
        var table = new Table().Border(TableBorder.Rounded).Title("time-sensitive frame latency, µs (STR-68 published figures in brackets)");
        foreach (string column in new[] { "device", "path", "samples", "min", "mean", "max", "stddev", "lost", "deepest queue (mean)" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.Columns[0].LeftAligned().NoWrap();
        table.Columns[1].LeftAligned();
        foreach (var l in lines)
        {
            string Cell(string key, double published) => $"{Us(l.Latency[key])} ({published.ToString("0.#", CultureInfo.InvariantCulture)})";
            table.AddRow(Markup.Escape(l.Device), Markup.Escape(l.Row.Label), l.Latency["count"].ToString("N0", CultureInfo.InvariantCulture),
                Cell("min", l.Row.Min), Cell("mean", l.Row.Mean), Cell("max", l.Row.Max), Cell("stddev", l.Row.StdDev),
                l.TimedDropped.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape($"{l.Queue}: {l.QueueMean.ToString("0.#", CultureInfo.InvariantCulture)}"));
        }
        console.Write(table);
    }

    private static string Us(double seconds) => (seconds * 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    private static List<Line> Lines(RunResults results)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var lines = new List<Line>();
        foreach (var (path, summary) in results.Metrics)
        {
            if (!path.EndsWith("/rxLatency", StringComparison.Ordinal)) continue;
            string[] parts = path.Split('/');
            if (parts.Length < 3) continue;
            string device = string.Join('/', parts[..^2]);
            string stagesPrefix = device + "/host2/";
            var stages = metrics.Keys
                .Where(k => k.StartsWith(stagesPrefix, StringComparison.Ordinal) && k.EndsWith("/served", StringComparison.Ordinal))
                .Select(k => k[stagesPrefix.Length..^"/served".Length]).Where(s => s != "nic" && !s.Contains('/')).ToHashSet();
            var row = Str68Table.Rows.FirstOrDefault(r => NetWorldBuilder.Stages(r.Path).ToHashSet().SetEquals(stages));
            if (row is null) continue;
            var latency = summary.Values.ToDictionary(v => v.Key, v => v.Value);
            if (!latency.ContainsKey("stddev")) continue;
            double dropped = metrics.Where(m => m.Key.StartsWith(device + "/host", StringComparison.Ordinal) && m.Key.EndsWith("/timedDropped", StringComparison.Ordinal))
                .Sum(m => m.Value.Get("count"));
            var deepest = metrics.Where(m => m.Key.StartsWith(stagesPrefix, StringComparison.Ordinal) && m.Key.EndsWith("/queue", StringComparison.Ordinal))
                .Select(m => (Name: m.Key[stagesPrefix.Length..^"/queue".Length], Mean: m.Value.Get("mean"))).OrderByDescending(q => q.Mean).FirstOrDefault();
            lines.Add(new Line(device, row, latency, dropped, deepest.Name ?? "", deepest.Mean));
        }
        return lines;
    }
}
