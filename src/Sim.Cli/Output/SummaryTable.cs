using System.Globalization;
using Sim.Scenarios.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>The table printed after a run: how it ended, then one row per metric with its main figures.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, RunResults results, string resultsPath)
    {
        var console = OutputConsole.For(output);
        var outcome = results.Outcome;
        string status = outcome.IsPartial ? $"[yellow]PARTIAL ({ResultsJson.StopReasonName(outcome.Reason)})[/]" : "complete";
        console.MarkupLine($"[bold]{Markup.Escape(results.Scenario)}[/] seed {results.Seed}: {status}, " +
                           $"simulated {outcome.SimulatedTime}, {outcome.Events.ToString("N0", CultureInfo.InvariantCulture)} events, " +
                           $"{results.Findings.Count} finding(s)");

        var interconnect = InterconnectComparison.From(results);
        if (interconnect.Count > 0)
        {
            InterconnectTable.Write(console, interconnect);
            WriteTail(console, results, resultsPath, "bus, aggregator, displays, voters, devices per variant");
            return;
        }

        var devices = DeviceComparison.From(results);
        if (devices.Count > 0)
        {
            DeviceComparisonTable.Write(console, devices);
            WriteTail(console, results, resultsPath, "driver, backend, platform, exposure per device");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "metric", "kind", "count", "mean/value", "p50", "p90", "p99", "max" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.Columns[0].LeftAligned().NoWrap();
        foreach (var (path, summary) in results.Metrics)
        {
            var values = summary.Values.ToDictionary(v => v.Key, v => v.Value);
            string Cell(string name) => values.TryGetValue(name, out double v) ? Format(v, summary.Unit) : "";
            string count = values.TryGetValue("count", out double n) ? Format(n, "") : "";
            string mean = summary.Kind switch
            {
                "ratio" => Cell("value"),
                "access" => $"{Cell("pagesTouched")} pages",
                _ => Cell("mean"),
            };
            if (summary.Kind == "access") count = Format(values["reads"] + values["writes"], "");
            table.AddRow(Markup.Escape(path), summary.Kind, count, mean, Cell("p50"), Cell("p90"), Cell("p99"), Cell("max"));
        }
        console.Write(table);
        WriteFindings(console, results);
        console.MarkupLine($"results: {Markup.Escape(resultsPath)}");
    }

    /// <summary>After a comparison table: where the other metrics (<paramref name="kinds"/>) are, the findings, the results path.</summary>
    private static void WriteTail(IAnsiConsole console, RunResults results, string resultsPath, string kinds)
    {
        console.MarkupLine($"{results.Metrics.Count} metrics ({kinds}) are in the results file.");
        WriteFindings(console, results);
        console.MarkupLine($"results: {Markup.Escape(resultsPath)}");
    }

    /// <summary>The first findings in full, then how many more there are (all of them are in the results file).</summary>
    private static void WriteFindings(IAnsiConsole console, RunResults results)
    {
        const int Shown = 20;
        foreach (var finding in results.Findings.Take(Shown))
            console.MarkupLine($"[red]finding[/] {Markup.Escape($"t={finding.Time} {finding.Actor}: {finding.Rule}: {finding.Detail}")}");
        if (results.Findings.Count > Shown) console.MarkupLine($"[red]... and {results.Findings.Count - Shown} more finding(s)[/]");
    }

    /// <summary>Seconds in engineering units (ns, us, ms, s); other units as plain numbers.</summary>
    private static string Format(double value, string unit)
    {
        if (unit != "s") return value.ToString(value == Math.Floor(value) ? "N0" : "G4", CultureInfo.InvariantCulture);
        double abs = Math.Abs(value);
        return abs switch
        {
            0 => "0",
            < 1e-6 => (value * 1e9).ToString("G4", CultureInfo.InvariantCulture) + "ns",
            < 1e-3 => (value * 1e6).ToString("G4", CultureInfo.InvariantCulture) + "us",
            < 1 => (value * 1e3).ToString("G4", CultureInfo.InvariantCulture) + "ms",
            _ => value.ToString("G4", CultureInfo.InvariantCulture) + "s",
        };
    }
}
