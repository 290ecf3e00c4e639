using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Globalization;
using Sim.Cli.Output.Layout;
using Sim.Studies.Comparing;
using Sim.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// What <c>sim compare</c> prints: one wide table for the whole comparison, a row per metric and a column per item
/// (the baseline first as given), each cell the item's mean ± half-width with its unit (<see cref="MetricText"/>) and,
/// against the baseline, the relative difference (the difference itself when the baseline is 0) and whether the
/// intervals are disjoint (a significant difference) or overlap. On the console the metrics' common path prefix and the
/// items' common results name are said once above the table, and the items stay columns: when they do not all fit the width they are split over as many tables as it takes
/// (<see cref="FittedTable"/>). The last line says how many metrics differ significantly, or, when no item has more
/// than one sample, that there is no interval and no difference is called significant.
/// </summary>
internal static class ComparisonTable
{
    private const string Samples = "samples (n)";

    public static void Write(TextWriter output, Comparison comparison)
    {
        var console = OutputConsole.For(output);
        int width = console.Profile.Width;
        string prefix = CommonPrefix(comparison.Rows.Select(r => r.Key).ToList());
        string source = CommonSource(comparison.Items.Select(i => i.Label).ToList());
        string of = source.Length == 0 ? "" : $" of {source[..^1]}";
        string under = prefix.Length == 0 ? "" : $" under {prefix}";
        string headline = $"comparing {comparison.Items.Count} item(s){of} on {comparison.Rows.Count} metric(s){under}; baseline: {Short(comparison.Baseline.Label, source)}";
        WrappedText.Write(console, headline, width);
        FittedTable.Write(console, ForConsole(comparison), width, TableBorder.Rounded, itemsAsColumns: true);
        bool anyInterval = comparison.Rows.Any(r => r.Cells.Any(c => c.Value?.HasInterval == true));
        string verdict = anyInterval
            ? $"{comparison.SignificantCount} of {comparison.Rows.Count} metric(s) differ significantly from the baseline (disjoint intervals)."
            : "One sample each: no confidence interval, so no difference is called significant (run replications, or compare study points).";
        WrappedText.Write(console, verdict, width);
    }

    /// <summary>
    /// The table the console shows, to be written with items as columns: the compared items as its items, each metric
    /// without the common prefix, each label without the common results name.
    /// </summary>
    public static TextTable ForConsole(Comparison comparison) =>
        Build(comparison, CommonPrefix(comparison.Rows.Select(r => r.Key).ToList()), CommonSource(comparison.Items.Select(i => i.Label).ToList())).Transposed("item");

    /// <summary>
    /// The comparison as a table: metrics as rows (each key without <paramref name="prefix"/>), items as columns (each
    /// label without <paramref name="source"/>), the samples n first.
    /// </summary>
    public static TextTable Build(Comparison comparison, string prefix = "", string source = "")
    {
        var headers = comparison.Items.Select(item => Short(item.Label, source) + (item == comparison.Baseline ? " (baseline)" : "")).ToList();
        var rows = new List<TextRow>
        {
            new(Samples, comparison.Items.Select(item => string.Join("/", comparison.Rows
                .Select(r => r.Cells.First(c => c.Item == item).Value?.Count).OfType<int>().Distinct().Order()
                .Select(n => n.ToString(CultureInfo.InvariantCulture)))).ToList()),
        };
        rows.AddRange(comparison.Rows.Select(row => new TextRow(row.Key[prefix.Length..], row.Cells.Select(Cell).ToList())));
        return new TextTable("metric", headers, rows,
            Caption: "each cell: mean ± half-width of the confidence interval (the value alone for one sample); then against the baseline the relative difference (the difference when the baseline is 0) and whether the intervals are disjoint (a significant difference) or overlap");
    }

    /// <summary>
    /// The name and <c>#</c> every label starts with when all the items come from one results file (a study's points,
    /// a run's parts): <c>quickstart#kvm</c> and <c>quickstart#xen</c> give "quickstart#" ("" otherwise).
    /// </summary>
    public static string CommonSource(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0 || labels[0].IndexOf('#') is var hash && hash <= 0) return "";
        string name = labels[0][..hash];
        return labels.All(l => l.StartsWith(name + "#", StringComparison.Ordinal)) ? name + "#" : "";
    }

    /// <summary><paramref name="label"/> without <paramref name="source"/>: a run's part alone (<c>kvm</c>), a point's index kept after its <c>#</c> (<c>#3 (vcpus=4)</c>).</summary>
    private static string Short(string label, string source)
    {
        string rest = label[source.Length..];
        return source.Length > 0 && rest.Length > 0 && char.IsAsciiDigit(rest[0]) ? "#" + rest : rest;
    }

    /// <summary>The longest run of whole path segments (ending in '/') that every key starts with, leaving each key a name.</summary>
    public static string CommonPrefix(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return "";
        string first = keys[0];
        int end = first.LastIndexOf('/') + 1;
        while (end > 0 && !keys.All(k => k.Length > end && string.CompareOrdinal(k, 0, first, 0, end) == 0))
            end = end >= 2 ? first.LastIndexOf('/', end - 2) + 1 : 0;
        return first[..end];
    }

    private static string Cell(ComparisonCell cell)
    {
        if (cell.Value is not { } value) return "-";
        string interval = MetricText.Interval(value.Mean, value.HalfWidth ?? double.NaN, value.Unit);
        if (cell.IsBaseline) return interval;
        var parts = new List<string>();
        // The relative difference says it in a few characters (the two values are side by side); the difference itself
        // only when the baseline is 0 and no percentage exists.
        if (cell.Difference == 0) parts.Add("±0");
        else if (cell.RelativePercent is { } r) parts.Add($"{(r > 0 ? "+" : "")}{r.ToString("F1", CultureInfo.InvariantCulture)}%");
        else if (cell.Difference is { } d) parts.Add(MetricText.Difference(d, value.Unit));
        if (cell.Overlap == IntervalOverlap.No) parts.Add("disjoint");
        else if (cell.Overlap == IntervalOverlap.Yes) parts.Add("overlap");
        return parts.Count == 0 ? interval : $"{interval} ({string.Join(", ", parts)})";
    }
}
