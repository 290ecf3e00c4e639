using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Text.Json;
using Sim.Cli.Output.Layout;
using Sim.Worlds.Results;
using Sim.Studies;

namespace Sim.Cli.Output;

/// <summary>
/// What <c>sim run --metrics PATTERN</c> shows instead of the scenario's tables: one row per metric value the patterns
/// choose (flattened <c>path.value</c> keys, counters' <c>perSecond</c> included, as <c>sim sweep</c> and
/// <c>sim compare</c> name them), each with its unit (<see cref="MetricText"/>).
/// </summary>
internal static class RunMetricsTable
{
    /// <summary>The table of the values of <paramref name="results"/> that <paramref name="patterns"/> choose, and the patterns that chose nothing.</summary>
    public static (TextTable Table, IReadOnlyList<string> Unmatched) Build(RunResults results, IReadOnlyList<string> patterns)
    {
        using var document = JsonDocument.Parse(ResultsJson.Write(results));
        var values = RunRecord.Flatten(document.RootElement).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var units = ValueUnits.Flatten(document.RootElement);
        var selection = new MetricSelection(patterns);
        var rows = selection.Select(values.Keys).Select(key => new TextRow(key, [MetricText.Value(values[key], units.GetValueOrDefault(key, ""))])).ToList();
        return (new TextTable("metric", ["value"], rows), selection.Unmatched(values.Keys));
    }

    /// <summary>The warning for a pattern that matches no metric of the run.</summary>
    public static string UnmatchedText(string pattern) =>
        $"--metrics '{pattern}' matches no metric of this run (`sim metrics FILE` lists them; values are path.value, e.g. '**/driver/latency.mean')";
}
