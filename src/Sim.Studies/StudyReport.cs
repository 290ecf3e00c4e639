using System.Globalization;
using Sim.Reports;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// Turns a <see cref="StudySummary"/> into a <see cref="ReportDocument"/>: what the study shows (the scenario's
/// description and the headline comparisons, <see cref="StudyHeadline"/>), its warnings, the sweep table
/// (<see cref="SweepTables"/>), then plots of each selected metric against the swept parameter chosen as x (one series
/// per value of the series parameter, one chart per combination of the others, confidence bands shaded), latency CDFs
/// per point (pooled over replications), and the time series replication 0 recorded as small multiples, a panel per
/// world and point on shared axes (<see cref="StudyTimeSeries"/>);
/// last the study's design and the scenario file.
/// </summary>
public static class StudyReport
{
    /// <summary>At most this many charts of one kind, so that a large grid still gives a page a browser opens.</summary>
    public const int MaxChartsPerSection = 48;

    /// <summary>At most this many series (points) in one CDF chart.</summary>
    public const int MaxCdfSeries = 12;

    /// <summary>The report of <paramref name="summary"/>.</summary>
    public static ReportDocument Build(StudySummary summary)
    {
        var study = summary.Study;
        var d = study.Declaration;
        string subtitle = $"{study.Points.Count} point(s) x {d.Replications} replication(s), seed {study.Scenario.Seed} " +
                          $"({(d.Seeds == SeedDerivation.Common ? "common random numbers" : "independent seeds")}), " +
                          $"{d.Confidence.ToString("P0", CultureInfo.InvariantCulture)} Student-t intervals" +
                          (summary.Complete ? "" : "; INCOMPLETE: some runs are missing");
        var units = new MetricUnits(summary);
        var sections = new List<ReportSection>
        {
            new("What this study shows", [.. Description(study), .. Claims.ClaimRows.Blocks(summary.Claims, study.Declaration.Confidence), .. StudyHeadline.Blocks(summary, units)]),
        };
        if (summary.Warnings.Count > 0) sections.Add(new ReportSection("Warnings", Warnings(summary, units)));
        sections.Add(new ReportSection("Sweep table", SweepTables.Blocks(summary, units)));
        var metricCharts = StudyCharts.MetricCharts(summary, units).Take(MaxChartsPerSection).Select(c => (ReportBlock)new ChartBlock(c)).ToList();
        if (metricCharts.Count > 0) sections.Add(new ReportSection("Metrics against the swept parameters", metricCharts));
        var cdfs = StudyCharts.LatencyCdfs(summary, MaxCdfSeries).Take(MaxChartsPerSection).Select(c => (ReportBlock)new ChartBlock(c)).ToList();
        if (cdfs.Count > 0) sections.Add(new ReportSection("Latency distributions", cdfs));
        var series = StudyTimeSeries.Figures(summary).Select(f => (ReportBlock)new SmallMultiplesBlock(f)).ToList();
        if (series.Count > 0) sections.Add(new ReportSection("Time series (replication 0)", series));
        sections.Add(new ReportSection("Study design", Design(study)));
        sections.Add(new ReportSection("Scenario", [new CodeBlock(study.Text)]));
        return new ReportDocument($"{study.Scenario.Name}: study report", subtitle, sections);
    }

    private static IEnumerable<ReportBlock> Description(Study study) =>
        study.Scenario.Description is { } text ? [new TextBlock(text)] : [];

    private static List<ReportBlock> Design(Study study)
    {
        var d = study.Declaration;
        var blocks = new List<ReportBlock>();
        if (d.Parameters.Count == 0) blocks.Add(new TextBlock("Nothing is swept: one point, replicated."));
        else
        {
            string how = d.Combination == SweepCombination.Grid ? "every combination (a grid)" : "the lists side by side (a zip)";
            blocks.Add(new TextBlock($"{d.Parameters.Count} parameter(s), combined as {how}:"));
            blocks.Add(new TableBlock(null, ["parameter", "path", "values"],
                d.Parameters.Select(p => (IReadOnlyList<string>)[p.Name, p.Path, string.Join(", ", p.Values.Select(v => v.Text))]).ToList(), NumericFrom: 3));
        }
        blocks.Add(new TextBlock(d.Seeds == SeedDerivation.Common
            ? "Run seeds: replication r of every point runs from SplitMix64.Derive(seed, (r + 1) << 32) (common random numbers)."
            : "Run seeds: run (p, r) runs from SplitMix64.Derive(SplitMix64.Derive(seed, p + 1), r + 1); `sim run FILE --point p --replication r` repeats it alone."));
        blocks.Add(new TextBlock($"Intervals: mean ± t(n - 1) · s / √n at {d.Confidence.ToString("P0", CultureInfo.InvariantCulture)}; " +
            $"a warning when the half-width exceeds {d.WarnWidth.ToString("P0", CultureInfo.InvariantCulture)} of the mean."));
        return blocks;
    }

    private static List<ReportBlock> Warnings(StudySummary summary, MetricUnits units)
    {
        var blocks = summary.Warnings.Where(w => w.Summary is null).Select(w => (ReportBlock)new WarningBlock(w.Text)).ToList();
        var wide = summary.Warnings.Where(w => w.Summary is not null).ToList();
        if (wide.Count == 0) return blocks;
        var d = summary.Study.Declaration;
        blocks.Add(new WarningBlock($"{wide.Count} confidence interval(s) are wider than {d.WarnWidth.ToString("P0", CultureInfo.InvariantCulture)} " +
            $"of their mean at {d.Confidence.ToString("P0", CultureInfo.InvariantCulture)}: more replications would narrow them (the half-width shrinks as 1/√n)."));
        blocks.Add(new TableBlock(null, ["point", "metric", "mean ± half-width", "n", "± of mean"],
            wide.Select(w => (IReadOnlyList<string>)[
                $"{w.Point} ({summary.Study.Points[w.Point!.Value].Label(d)})", w.Metric!, StudyFigures.Interval(w.Summary!, units.Of(w.Metric!)),
                w.Summary!.Count.ToString(CultureInfo.InvariantCulture), w.Summary.RelativeHalfWidth.ToString("P0", CultureInfo.InvariantCulture)]).ToList(),
            NumericFrom: 2));
        return blocks;
    }
}
