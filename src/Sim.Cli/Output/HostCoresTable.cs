using System.Globalization;
using Sim.Cli.Output.Layout;
using Sim.Core.Statistics;
using Sim.Worlds.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The host-cores table for scenarios with a <c>host:</c> section: per thread on the cores (each device's driver and
/// backend, each background load thread), the share of a core it got and how long its pieces of work waited for a
/// core (mean, p99, max), from the <c>host/cpus/NAME/running</c> and <c>NAME/coreWait</c> metrics; the title gives each
/// core's utilisation.
/// </summary>
internal static class HostCoresTable
{
    private const string Prefix = "host/cpus/";

    /// <summary>Writes the table (one per interconnect variant) when <paramref name="results"/> ran threads on host cores, fitted to the output's width; nothing otherwise.</summary>
    public static void Write(TextWriter output, RunResults results)
    {
        var console = OutputConsole.For(output);
        foreach (var table in BuildAll(results)) FittedTable.Write(console, table, console.Profile.Width, TableBorder.Rounded);
    }

    /// <summary>The table of <paramref name="results"/>' host threads (the first variant's, with an interconnect); null when it has none.</summary>
    public static TextTable? Build(RunResults results) => BuildAll(results).FirstOrDefault();

    /// <summary>One table per host: the scenario's, or each interconnect variant's (<c>variant/host/cpus/</c>).</summary>
    private static IEnumerable<TextTable> BuildAll(RunResults results)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var prefixes = results.Metrics.Select(m => m.Key.IndexOf(Prefix, StringComparison.Ordinal) is var at and >= 0 && (at == 0 || m.Key[at - 1] == '/') ? m.Key[..(at + Prefix.Length)] : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (string prefix in prefixes) yield return Build(results, metrics, prefix);
    }

    private static TextTable Build(RunResults results, Dictionary<string, MetricSummary> metrics, string prefix)
    {
        var threads = results.Metrics
            .Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal) && m.Key.EndsWith("/running", StringComparison.Ordinal))
            .Select(m => m.Key[prefix.Length..^"/running".Length]).ToList();
        var rows = new List<TextRow>();
        foreach (string thread in threads)
        {
            var wait = metrics[$"{prefix}{thread}/coreWait"];
            rows.Add(new TextRow(thread,
            [
                Percent(metrics[$"{prefix}{thread}/running"].Get("mean")),
                wait.Get("count").ToString("N0", CultureInfo.InvariantCulture),
                Us(wait.Get("mean")), Us(wait.Get("p99")), Us(wait.Get("max")),
            ]));
        }
        var cores = results.Metrics
            .Where(m => m.Key.StartsWith(prefix + "core", StringComparison.Ordinal) && m.Key.EndsWith("/utilization", StringComparison.Ordinal))
            .Select(m => $"{m.Key[prefix.Length..^"/utilization".Length]} {Percent(m.Value.Get("mean"))}");
        string variant = prefix.Length > Prefix.Length ? $"{prefix[..^(Prefix.Length + 1)]}: " : "";
        return new TextTable("thread", ["core share", "pieces", "wait mean µs", "wait p99 µs", "wait max µs"], rows,
            Title: $"{variant}host cores ({string.Join(", ", cores)} busy)",
            Caption: "core share: time the thread ran, as a share of one core; pieces: stretches of work it asked for; " +
                "wait: how long each piece waited for a core (fair scheduler)");
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Us(double seconds) => (seconds * 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
