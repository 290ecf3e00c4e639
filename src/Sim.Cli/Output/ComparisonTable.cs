using System.Globalization;
using Sim.Scenarios.Comparing;
using Sim.Scenarios.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// What <c>sim compare</c> prints: one table per metric (item, mean ± half-width, n, difference from the baseline,
/// relative difference, whether the intervals overlap), the baseline row marked, then how many metrics differ
/// significantly (disjoint intervals) from the baseline.
/// </summary>
internal static class ComparisonTable
{
    public static void Write(TextWriter output, Comparison comparison)
    {
        var console = OutputConsole.For(output);
        console.MarkupLine($"comparing {comparison.Items.Count} item(s) on {comparison.Rows.Count} metric(s); " +
                           $"baseline: [bold]{Markup.Escape(comparison.Baseline.Label)}[/]");
        foreach (var row in comparison.Rows)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(row.Key)}[/]");
            table.AddColumn("item");
            table.AddColumn(new TableColumn("mean ± half-width").RightAligned());
            table.AddColumn(new TableColumn("n").RightAligned());
            table.AddColumn(new TableColumn("Δ vs baseline").RightAligned());
            table.AddColumn(new TableColumn("Δ %").RightAligned());
            table.AddColumn("intervals overlap");
            foreach (var cell in row.Cells) table.AddRow(Cells(cell));
            console.Write(table);
        }
        int significant = comparison.SignificantCount;
        string verdict = significant == 0 ? "[green]0[/]" : $"[yellow]{significant}[/]";
        console.MarkupLine($"{verdict} of {comparison.Rows.Count} metric(s) differ significantly from the baseline (non-overlapping intervals).");
    }

    private static string[] Cells(ComparisonCell cell)
    {
        string label = cell.IsBaseline ? $"{Markup.Escape(cell.Item.Label)} [dim](baseline)[/]" : Markup.Escape(cell.Item.Label);
        if (cell.Value is not { } value) return [label, "-", "-", "-", "-", "-"];
        string interval = StudySummary.Interval(value.Mean, value.HalfWidth ?? double.NaN);
        string n = value.Count.ToString(CultureInfo.InvariantCulture);
        if (cell.IsBaseline) return [label, Markup.Escape(interval), n, "", "", ""];
        string difference = cell.Difference is { } d ? Signed(d) : "-";
        string relative = cell.RelativePercent is { } r ? $"{(r > 0 ? "+" : "")}{r.ToString("F1", CultureInfo.InvariantCulture)}%" : "-";
        string overlap = cell.Overlap switch
        {
            IntervalOverlap.Yes => "yes",
            IntervalOverlap.No => "[yellow]no[/]",
            IntervalOverlap.NotApplicable => "n/a",
            _ => "-",
        };
        return [label, Markup.Escape(interval), n, Markup.Escape(difference), Markup.Escape(relative), overlap];
    }

    private static string Signed(double value) => (value > 0 ? "+" : "") + StudySummary.Format(value);
}
