using Sim.Scenarios.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The table printed after a sweep: one row per point (its parameter values, then each selected metric as
/// <c>mean ± half-width</c> with the number of replications), then the warnings and where the files are.
/// </summary>
internal static class StudyTable
{
    /// <summary>The most metric columns shown; the rest are in results.json and results.csv.</summary>
    private const int MaxMetricColumns = 6;

    public static void Write(TextWriter output, StudySummary summary, string directory)
    {
        var console = OutputConsole.For(output);
        var study = summary.Study;
        var declaration = study.Declaration;
        string state = summary.Complete ? "complete" : "[yellow]INCOMPLETE[/]";
        console.MarkupLine($"[bold]{Markup.Escape(study.Scenario.Name)}[/]: {study.Points.Count} point(s) x {declaration.Replications} replication(s), " +
                           $"{state}, {declaration.Confidence:P0} Student-t intervals");
        var metrics = summary.Selected.Take(MaxMetricColumns).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (var parameter in declaration.Parameters) table.AddColumn(new TableColumn(Markup.Escape(parameter.Name)));
        foreach (string metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(ShortName(metric))).RightAligned());
        table.AddColumn(new TableColumn("n").RightAligned());
        foreach (var point in summary.Points)
        {
            var cells = new List<string> { point.Point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(point.Point.Values.Select(v => Markup.Escape(v.Text)));
            cells.AddRange(metrics.Select(m => point.Get(m) is { } s ? Markup.Escape(StudySummary.Interval(s)) : "-"));
            cells.Add(point.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        if (summary.Selected.Count > metrics.Count)
            console.MarkupLine($"{summary.Selected.Count - metrics.Count} more selected metric(s) are in the report.");
        foreach (var warning in summary.Warnings.Where(w => w.Summary is null).Take(10))
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.Text)}");
        var wide = summary.Warnings.Where(w => w.Summary is not null).OrderByDescending(w => w.Summary!.RelativeHalfWidth).ToList();
        if (wide.Count > 0)
        {
            var widest = wide[0];
            console.MarkupLine($"[yellow]warning:[/] {wide.Count} interval(s) are wider than {declaration.WarnWidth:P0} of their mean; the widest: " +
                $"{Markup.Escape(widest.Metric!)} at point {widest.Point} (±{widest.Summary!.RelativeHalfWidth:P0}, n={widest.Summary.Count}); " +
                "more replications narrow them; every one is listed in the report");
        }
        console.MarkupLine($"results: {Markup.Escape(Path.Combine(directory, "results.json"))}, results.csv, report.html");
    }

    /// <summary>A metric key shortened for a column: its world (first segment) and its last segment.</summary>
    public static string ShortName(string key)
    {
        string[] parts = key.Split('/');
        return parts.Length <= 2 ? key : $"{parts[0]}/{parts[^1]}";
    }
}
