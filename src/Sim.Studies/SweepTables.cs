using System.Globalization;
using Sim.Reports;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The sweep table of a study report, shaped to fit the page without scrolling sideways: with at most
/// <see cref="MaxPointColumns"/> points, one table with a row per selected metric and a column per point; with more,
/// a row per point and the metrics split over several tables of at most <see cref="MetricsPerTable"/> each. Cells are
/// mean ± half-width with units.
/// </summary>
public static class SweepTables
{
    /// <summary>The most points shown as columns.</summary>
    public const int MaxPointColumns = 6;

    /// <summary>The most metric columns in one table of the row-per-point form.</summary>
    public const int MetricsPerTable = 4;

    private const string Caption = "mean ± half-width of the confidence interval; n replications";

    /// <summary>The tables of <paramref name="summary"/>.</summary>
    public static IReadOnlyList<ReportBlock> Blocks(StudySummary summary, MetricUnits units)
    {
        return summary.Points.Count <= MaxPointColumns ? [ByMetric(summary, units)] : ByPoint(summary, units);
    }

    private static TableBlock ByMetric(StudySummary summary, MetricUnits units)
    {
        var d = summary.Study.Declaration;
        var columns = new List<string> { "metric" };
        columns.AddRange(summary.Points.Select(p => StudyFigures.Breakable($"#{p.Point.Index} {p.Point.Label(d)}")));
        var rows = new List<IReadOnlyList<string>>();
        foreach (string key in summary.Selected)
        {
            string? unit = units.Of(key);
            rows.Add([key, .. summary.Points.Select(p => p.Get(key) is { } s ? StudyFigures.Interval(s, unit) : "-")]);
        }
        rows.Add(["n", .. summary.Points.Select(p => p.Runs.Count.ToString(CultureInfo.InvariantCulture))]);
        rows.Add(["findings", .. summary.Points.Select(p => p.Findings.Sum(f => f.Value).ToString(CultureInfo.InvariantCulture))]);
        return new TableBlock(Caption, columns, rows, NumericFrom: 1);
    }

    private static List<ReportBlock> ByPoint(StudySummary summary, MetricUnits units)
    {
        var parameters = summary.Study.Declaration.Parameters;
        var chunks = summary.Selected.Chunk(MetricsPerTable).ToList();
        if (chunks.Count == 0) chunks.Add([]);
        var tables = new List<ReportBlock>();
        for (int t = 0; t < chunks.Count; t++)
        {
            var keys = chunks[t];
            bool first = t == 0;
            var columns = new List<string> { "#" };
            columns.AddRange(parameters.Select(p => p.Name));
            int numericFrom = columns.Count;
            columns.AddRange(keys.Select(StudyFigures.Breakable));
            if (first) columns.AddRange(["n", "findings"]);
            var rows = summary.Points.Select(point =>
            {
                var row = new List<string> { point.Point.Index.ToString(CultureInfo.InvariantCulture) };
                row.AddRange(point.Point.Values.Select(v => v.Text));
                row.AddRange(keys.Select(key => point.Get(key) is { } s ? StudyFigures.Interval(s, units.Of(key)) : "-"));
                if (first)
                {
                    row.Add(point.Runs.Count.ToString(CultureInfo.InvariantCulture));
                    row.Add(point.Findings.Sum(f => f.Value).ToString(CultureInfo.InvariantCulture));
                }
                return (IReadOnlyList<string>)row;
            }).ToList();
            string caption = chunks.Count > 1 ? $"{Caption} (part {t + 1} of {chunks.Count})" : Caption;
            tables.Add(new TableBlock(caption, columns, rows, numericFrom));
        }
        return tables;
    }
}
