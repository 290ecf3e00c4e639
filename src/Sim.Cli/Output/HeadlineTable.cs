using Sim.Reports;
using Sim.Cli.Output.Layout;
using Sim.Core.Statistics;
using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The figures a scenario declares it is about (<c>headline: [path.value, ...]</c>), shown before its summary table:
/// each metric value with its unit, or what is wrong with the key (no such metric, or no such value of it).
/// </summary>
internal static class HeadlineTable
{
    /// <summary>The headline table of <paramref name="keys"/> in <paramref name="results"/>.</summary>
    public static TextTable Build(RunResults results, IReadOnlyList<string> keys)
    {
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var rows = keys.Select(key => new TextRow(key, [Value(metrics, key)])).ToList();
        return new TextTable("headline", ["value"], rows);
    }

    private static string Value(IReadOnlyDictionary<string, MetricSummary> metrics, string key)
    {
        int dot = key.LastIndexOf('.');
        string path = key[..dot], name = key[(dot + 1)..];
        if (!metrics.TryGetValue(path, out var summary)) return "no such metric";
        var value = summary.Values.FirstOrDefault(v => v.Key == name);
        if (value.Key is null) return $"no value '{name}'";
        return name is "count" or "reads" or "writes" || summary.Unit.Length == 0 ? Quantity.Count(value.Value) : Quantity.Format(value.Value, summary.Unit);
    }
}
