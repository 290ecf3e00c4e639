using System.Globalization;
using Sim.Reports;
using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// What is printed after a run: how it ended, then the scenario's table (interconnect variants, devices side by side,
/// in the scenario's order, or one row per metric), laid out to fit the output's width without breaking a figure (<see cref="FittedTable"/>),
/// the findings and where the results are.
/// </summary>
internal static class SummaryTable
{
    /// <summary>
    /// Writes the summary of <paramref name="results"/> to <paramref name="output"/>: the scenario's tables, or with
    /// <paramref name="metrics"/> (<c>--metrics</c> patterns) the chosen metric values alone (<see cref="RunMetricsTable"/>).
    /// </summary>
    public static void Write(TextWriter output, RunResults results, string resultsPath, IReadOnlyList<string>? order = null,
        IReadOnlyList<string>? headlineKeys = null, IReadOnlyList<string>? metrics = null, IReadOnlyDictionary<string, string>? groups = null)
    {
        var console = OutputConsole.For(output);
        int width = console.Profile.Width;
        var outcome = results.Outcome;
        string status = outcome.IsPartial ? $"PARTIAL ({ResultsJson.StopReasonName(outcome.Reason)})" : "complete";
        string headline = $"{results.Scenario} seed {results.Seed}: {status}, simulated {outcome.SimulatedTime}, " +
                          $"{outcome.Events.ToString("N0", CultureInfo.InvariantCulture)} events, {results.Findings.Count} finding(s)";
        var style = outcome.IsPartial ? new Style(Color.Yellow) : new Style(decoration: Decoration.Bold);
        WrappedText.Write(console, headline, width, style);
        if (metrics is { Count: > 0 })
        {
            var (chosen, unmatched) = RunMetricsTable.Build(results, metrics);
            if (chosen.Rows.Count > 0) FittedTable.Write(console, chosen, width, TableBorder.Rounded);
            foreach (string pattern in unmatched) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(RunMetricsTable.UnmatchedText(pattern))}");
            WriteFindings(console, results);
            console.WriteLine($"results: {resultsPath}", Style.Plain);
            return;
        }
        if (headlineKeys is { Count: > 0 }) FittedTable.Write(console, HeadlineTable.Build(results, headlineKeys), width, TableBorder.Rounded);
        var (table, kinds) = Build(results, order, groups);
        FittedTable.Write(console, table, width, TableBorder.Rounded);
        if (kinds is not null)
            WrappedText.Write(console, $"{results.Metrics.Count.ToString("N0", CultureInfo.InvariantCulture)} metrics ({kinds}) are in the results file.", width);
        WriteFindings(console, results);
        console.WriteLine($"results: {resultsPath}", Style.Plain);
    }

    /// <summary>The run's table, and (for a comparison) what kinds of metrics the results file holds besides.</summary>
    /// <remarks>
    /// Rows follow <paramref name="order"/> (the scenario's, <see cref="ScenarioOrder"/>) when given. With
    /// <paramref name="groups"/> (<see cref="DeviceGroupLabels"/>) and more than <see cref="DeviceGroupLabels.GroupAbove"/>
    /// devices, the devices are shown in their groups (<see cref="DeviceGroups"/>).
    /// </remarks>
    public static (TextTable Table, string? OtherKinds) Build(RunResults results, IReadOnlyList<string>? order = null,
        IReadOnlyDictionary<string, string>? groups = null)
    {
        order ??= [];
        var interconnect = ScenarioOrder.Sort(InterconnectComparison.From(results), l => l.Variant, order);
        if (interconnect.Count > 0) return (InterconnectTable.Build(interconnect), "bus, aggregator, displays, voters, devices per variant");
        var devices = ScenarioOrder.Sort(DeviceComparison.From(results), d => d.Device, order);
        if (devices.Count > DeviceGroupLabels.GroupAbove && groups is not null)
        {
            var grouped = DeviceComparisonTable.Build(DeviceGroups.Group(devices, path => groups.GetValueOrDefault(path)));
            grouped = grouped with { Caption = $"{devices.Count:N0} devices in groups (platform, mechanism, device): per device on average; latency mean and /req weighted by requests; p99 and peak: the worst device; --format csv lists every device. " + grouped.Caption };
            return (grouped, "driver, backend, platform, exposure per device");
        }
        if (devices.Count > 0) return (DeviceComparisonTable.Build(devices), "driver, backend, platform, exposure per device");
        return (Metrics(results), null);
    }

    /// <summary>One row per metric: its kind, count, mean (or value), percentiles and maximum, with units.</summary>
    private static TextTable Metrics(RunResults results)
    {
        var rows = new List<TextRow>();
        foreach (var (path, summary) in results.Metrics)
        {
            var values = summary.Values.ToDictionary(v => v.Key, v => v.Value);
            string Cell(string name) => values.TryGetValue(name, out double v) ? Figure(v, summary.Unit) : "";
            string count = values.TryGetValue("count", out double n) ? Quantity.Count(n) : "";
            string mean = summary.Kind switch
            {
                "ratio" => Cell("value"),
                "access" => $"{Quantity.Count(values["pagesTouched"])} pages",
                _ => Cell("mean"),
            };
            if (summary.Kind == "access") count = Quantity.Count(values["reads"] + values["writes"]);
            rows.Add(new TextRow(path, [summary.Kind, count, mean, Cell("p50"), Cell("p90"), Cell("p99"), Cell("max")]));
        }
        return new TextTable("metric", ["kind", "count", "mean/value", "p50", "p90", "p99", "max"], rows);
    }

    /// <summary>A figure with its unit (SI-prefixed) when it has one, else as a count.</summary>
    private static string Figure(double value, string unit) => unit.Length == 0 ? Quantity.Count(value) : Quantity.Format(value, unit);

    /// <summary>The first findings in full, then how many more there are (all of them are in the results file).</summary>
    private static void WriteFindings(IAnsiConsole console, RunResults results)
    {
        const int Shown = 20;
        foreach (var finding in results.Findings.Take(Shown))
            console.MarkupLine($"[red]finding[/] {Markup.Escape($"t={finding.Time} {finding.Actor}: {finding.Rule}: {finding.Detail}")}");
        if (results.Findings.Count > Shown) console.MarkupLine($"[red]... and {results.Findings.Count - Shown} more finding(s)[/]");
    }
}
