using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Cli.Output.Layout;
using Sim.Studies;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The table printed after a sweep: one row per point (its parameter values, then every selected metric as
/// <c>mean ± half-width</c> with its unit, <see cref="MetricText"/>, and the number of replications), laid out to fit the terminal (<see cref="FittedTable"/>),
/// then the warnings and where the files are.
/// </summary>
internal static class StudyTable
{
    /// <summary>Writes the table of <paramref name="summary"/> (of the metrics <paramref name="patterns"/> choose, when given), warnings and where the files are.</summary>
    public static void Write(TextWriter output, StudySummary summary, string directory, IReadOnlyList<string>? patterns = null)
    {
        var console = OutputConsole.For(output);
        int width = console.Profile.Width;
        var study = summary.Study;
        var declaration = study.Declaration;
        string state = summary.Complete ? "complete" : "INCOMPLETE";
        string headline = $"{study.Scenario.Name}: {study.Points.Count} point(s) x {declaration.Replications} replication(s), " +
                          $"{state}, {declaration.Confidence.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)} Student-t intervals";
        WrappedText.Write(console, headline, width, summary.Complete ? new Style(decoration: Decoration.Bold) : new Style(Color.Yellow));
        FittedTable.Write(console, Build(summary, patterns), width, TableBorder.Rounded);
        foreach (string pattern in Unmatched(summary, patterns))
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(UnmatchedText(pattern))}");
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

    /// <summary>Writes to <paramref name="error"/> a warning for each of <paramref name="patterns"/> that matches no metric of the study.</summary>
    public static void WriteUnmatched(TextWriter error, StudySummary summary, IReadOnlyList<string>? patterns)
    {
        foreach (string pattern in Unmatched(summary, patterns)) error.WriteLine($"warning: {UnmatchedText(pattern)}");
    }

    /// <summary>
    /// One row per point (its parameter values, each shown metric as mean ± half-width with its unit, the
    /// replications): the metrics <paramref name="patterns"/> choose when given, else the study's selected ones, every
    /// one shown (the layout turns and splits the table to fit); a column is headed by the metric's world and last
    /// segment unless two would share that name, then by the whole key.
    /// </summary>
    public static TextTable Build(StudySummary summary, IReadOnlyList<string>? patterns = null)
    {
        var declaration = summary.Study.Declaration;
        var metrics = patterns is { Count: > 0 } ? new MetricSelection(patterns).Select(Keys(summary)).ToList() : summary.Selected.ToList();
        var shortNames = metrics.Select(ShortName).ToList();
        var headers = declaration.Parameters.Select(p => p.Name).ToList();
        headers.AddRange(metrics.Select((m, i) => shortNames.Count(n => n == shortNames[i]) > 1 || headers.Contains(shortNames[i]) ? m : shortNames[i]));
        headers.Add("n");
        var rows = summary.Points.Select(point => new TextRow(
            "#" + point.Point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            point.Point.Values.Select(v => v.Text)
                .Concat(metrics.Select(m => summary.IntervalText(point, m)))
                .Append(point.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList())).ToList();
        return new TextTable("point", headers, rows, Caption: "each metric: mean ± half-width of its confidence interval over the replications");
    }

    private static IEnumerable<string> Keys(StudySummary summary) =>
        summary.Points.SelectMany(p => p.Metrics.Select(m => m.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static IReadOnlyList<string> Unmatched(StudySummary summary, IReadOnlyList<string>? patterns) =>
        patterns is { Count: > 0 } && summary.Points.Any(p => p.Runs.Count > 0) ? new MetricSelection(patterns).Unmatched(Keys(summary).ToList()) : [];

    private static string UnmatchedText(string pattern) => $"--metrics '{pattern}' matches no metric of this study (`sim metrics FILE` lists them; values are path.value, e.g. '**/driver/latency.mean')";

    /// <summary>A metric key shortened for a column: its world (first segment) and its last segment.</summary>
    public static string ShortName(string key)
    {
        string[] parts = key.Split('/');
        return parts.Length <= 2 ? key : $"{parts[0]}/{parts[^1]}";
    }
}
