using System.Globalization;
using Sim.Cli.Output.Layout;
using Sim.Scenarios.Comparing;
using Sim.Scenarios.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// What <c>sim compare</c> prints: one wide table for the whole comparison, a row per metric and a column per item
/// (the baseline first as given), each cell the item's mean ± half-width with, against the baseline, the difference,
/// the relative difference and whether the intervals are disjoint (a significant difference) or overlap; laid out to
/// fit the terminal (<see cref="FittedTable"/>). The last line says how many metrics differ significantly, or, when no
/// item has more than one sample, that no interval exists and no difference is called significant.
/// </summary>
internal static class ComparisonTable
{
    public static void Write(TextWriter output, Comparison comparison)
    {
        var console = OutputConsole.For(output);
        int width = console.Profile.Width;
        string headline = $"comparing {comparison.Items.Count} item(s) on {comparison.Rows.Count} metric(s); baseline: {comparison.Baseline.Label}";
        WrappedText.Write(console, headline, width);
        FittedTable.Write(console, Build(comparison), width, TableBorder.Rounded);
        bool anyInterval = comparison.Rows.Any(r => r.Cells.Any(c => c.Value?.HasInterval == true));
        string verdict = anyInterval
            ? $"{comparison.SignificantCount} of {comparison.Rows.Count} metric(s) differ significantly from the baseline (disjoint intervals)."
            : "One sample each: no confidence interval, so no difference is called significant (run replications, or compare study points).";
        WrappedText.Write(console, verdict, width);
    }

    /// <summary>The comparison as a table: metrics as rows, items as columns.</summary>
    public static TextTable Build(Comparison comparison)
    {
        var headers = comparison.Items.Select(item => item == comparison.Baseline ? $"{item.Label} (baseline)" : item.Label).ToList();
        var rows = new List<TextRow>
        {
            new("samples (n)", comparison.Items.Select(item => string.Join("/", comparison.Rows
                .Select(r => r.Cells.First(c => c.Item == item).Value?.Count).OfType<int>().Distinct().Order()
                .Select(n => n.ToString(CultureInfo.InvariantCulture)))).ToList()),
        };
        rows.AddRange(comparison.Rows.Select(row => new TextRow(row.Key, row.Cells.Select(Cell).ToList())));
        return new TextTable("metric", headers, rows,
            Caption: "each cell: mean ± half-width of the confidence interval; then against the baseline the difference, the relative difference, and whether the intervals are disjoint (a significant difference) or overlap");
    }

    private static string Cell(ComparisonCell cell)
    {
        if (cell.Value is not { } value) return "-";
        string interval = StudySummary.Interval(value.Mean, value.HalfWidth ?? double.NaN);
        if (cell.IsBaseline) return interval;
        var parts = new List<string>();
        if (cell.Difference is { } d) parts.Add((d > 0 ? "+" : "") + StudySummary.Format(d));
        if (cell.RelativePercent is { } r) parts.Add($"{(r > 0 ? "+" : "")}{r.ToString("F1", CultureInfo.InvariantCulture)}%");
        if (cell.Overlap == IntervalOverlap.No) parts.Add("disjoint");
        else if (cell.Overlap == IntervalOverlap.Yes) parts.Add("overlap");
        return parts.Count == 0 ? interval : $"{interval} ({string.Join(", ", parts)})";
    }
}
