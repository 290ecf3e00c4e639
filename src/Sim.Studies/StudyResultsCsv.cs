using System.Globalization;
using CsvHelper;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The CSV files of a study (RFC 4180 via CsvHelper, invariant round-trip numbers, '\n' line ends):
/// <c>results.csv</c>, one row per point x replication (point, replication, seed, each parameter's value, partial,
/// findings, then one column per metric value key in ordinal order; a run without that value leaves its cell empty),
/// and <c>series.csv</c>, the time series recorded by replication 0 of each point (point, world, time_s, series, value).
/// </summary>
public static class StudyResultsCsv
{
    /// <summary>The <c>results.csv</c> text of <paramref name="summary"/>.</summary>
    public static string WriteRuns(StudySummary summary)
    {
        var parameters = summary.Study.Declaration.Parameters;
        var keys = summary.Points.SelectMany(p => p.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteHeader(["point", "replication", "seed", .. parameters.Select(p => p.Name), "partial", "findings", .. keys]);
            foreach (var point in summary.Points)
            {
                foreach (var run in point.Runs)
                {
                    var values = run.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                    csv.WriteRecord([
                        point.Point.Index.ToString(CultureInfo.InvariantCulture),
                        run.Replication.ToString(CultureInfo.InvariantCulture),
                        run.Seed.ToString(CultureInfo.InvariantCulture),
                        .. point.Point.Values.Select(v => v.Text),
                        run.Partial ? "true" : "false",
                        run.Findings.Sum(f => f.Value).ToString(CultureInfo.InvariantCulture),
                        .. keys.Select(k => values.TryGetValue(k, out double v) ? Number(v) : ""),
                    ]);
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The <c>series.csv</c> text of <paramref name="summary"/>; null when no run recorded a series.</summary>
    public static string? WriteSeries(StudySummary summary)
    {
        var recorded = summary.Points.SelectMany(p => p.Runs.Where(r => r.Replication == 0 && r.Series.Count > 0)).ToList();
        if (recorded.Count == 0) return null;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteHeader(["point", "world", "time_s", "series", "value"]);
            foreach (var run in recorded)
                foreach (var series in run.Series)
                    foreach (var p in series.Points)
                        csv.WriteRecord([run.Point.ToString(CultureInfo.InvariantCulture), series.World, Number(p.Time.TotalSeconds), p.Series, Number(p.Value)]);
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
