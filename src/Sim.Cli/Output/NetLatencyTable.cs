using System.Globalization;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Cli.Output.Layout;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The host-to-VM latency table for scenarios with net host paths (<c>scenarios/network</c>): per device with a host
/// path, the measured latency of the time-sensitive frames (min, mean, max, standard deviation in µs), beside the
/// published STR-68 figures (<see cref="Str68Table"/>) in an STR-68 scenario (named <c>str68*</c>) whose path is one of
/// the table's with host1's own link, and the samples lost and the deepest queue's mean.
/// </summary>
internal static class NetLatencyTable
{
    private sealed record Line(string Device, string Label, Str68Table.Row? Row, IReadOnlyDictionary<string, double> Latency, double TimedDropped, string Queue, double QueueMean);

    /// <summary>Writes the table when <paramref name="results"/> has host paths, fitted to the output's width; nothing otherwise.</summary>
    public static void Write(TextWriter output, RunResults results)
    {
        if (Build(results) is not { } table) return;
        var console = OutputConsole.For(output);
        FittedTable.Write(console, table, console.Profile.Width, TableBorder.Rounded);
    }

    /// <summary>The table of <paramref name="results"/>' host paths; null when it has none.</summary>
    public static TextTable? Build(RunResults results)
    {
        var lines = Lines(results);
        if (lines.Count == 0) return null;
        var rows = new List<TextRow>();
        foreach (var l in lines)
        {
            string Cell(string key, double? published) =>
                published is { } p ? $"{Us(l.Latency[key])} ({p.ToString("0.#", CultureInfo.InvariantCulture)})" : Us(l.Latency[key]);
            rows.Add(new TextRow(l.Device,
            [
                l.Label, l.Latency["count"].ToString("N0", CultureInfo.InvariantCulture),
                Cell("min", l.Row?.Min), Cell("mean", l.Row?.Mean), Cell("max", l.Row?.Max), Cell("stddev", l.Row?.StdDev),
                l.TimedDropped.ToString("N0", CultureInfo.InvariantCulture), $"{l.Queue}: {l.QueueMean.ToString("0.#", CultureInfo.InvariantCulture)}",
            ]));
        }
        return new TextTable("device", ["path", "samples", "min µs", "mean µs", "max µs", "stddev µs", "lost", "deepest queue (mean)"], rows,
            Title: "time-sensitive frame latency (STR-68 published figures in brackets, where the set-up is STR-68's)",
            Caption: "min, mean, max, stddev: µs from the frame's send on host 1 to its receipt in the guest; lost: time-sensitive frames dropped; " +
                "deepest queue: the host stage with the longest mean queue");
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
            // Each stage after the NIC by its cost prefix (its kind and mode), read from its cost ledger (once however
            // many receive queues replicate it).
            var stages = metrics
                .Where(m => m.Key.StartsWith(stagesPrefix, StringComparison.Ordinal) && m.Key.EndsWith("/costs", StringComparison.Ordinal)
                    && !m.Key[stagesPrefix.Length..^"/costs".Length].Contains('/'))
                .SelectMany(m => m.Value.Values.Select(v => v.Key).Where(k => k.EndsWith(".perPacket.count", StringComparison.Ordinal)))
                .Select(k => k[..^".perPacket.count".Length]).Where(p => p != "net.host.nic").ToHashSet(StringComparer.Ordinal);
            if (stages.Count == 0) continue;   // no host path in front of it
            // Published figures only for STR-68's own set-up: an STR-68 scenario (str68-*), the row's stages, and host1's
            // link as STR-68 ran it (no qdiscs of its own).
            bool ownSender = metrics.Keys.Any(k => k.StartsWith(device + "/host1/port/", StringComparison.Ordinal));
            bool str68 = results.Scenario.StartsWith("str68", StringComparison.Ordinal) && !ownSender;
            var row = str68 ? Str68Table.Rows.FirstOrDefault(r => r.Stages.ToHashSet().SetEquals(stages)) : null;
            string label = row?.Label ?? string.Join('+', stages.Order(StringComparer.Ordinal).Select(p => p["net.host.".Length..])) + (ownSender ? " (own tc)" : "");
            var latency = summary.Values.ToDictionary(v => v.Key, v => v.Value);
            if (!latency.ContainsKey("stddev")) continue;
            double dropped = metrics.Where(m => m.Key.StartsWith(device + "/host", StringComparison.Ordinal) && m.Key.EndsWith("/timedDropped", StringComparison.Ordinal))
                .Sum(m => m.Value.Get("count"));
            var deepest = metrics.Where(m => m.Key.StartsWith(stagesPrefix, StringComparison.Ordinal) && m.Key.EndsWith("/queue", StringComparison.Ordinal))
                .Select(m => (Name: m.Key[stagesPrefix.Length..^"/queue".Length], Mean: m.Value.Get("mean"))).OrderByDescending(q => q.Mean).FirstOrDefault();
            lines.Add(new Line(device, label, row, latency, dropped, deepest.Name ?? "", deepest.Mean));
        }
        return lines;
    }
}
