using System.Globalization;
using Sim.Reports;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The first section of a study report, "What this study shows": per selected metric (the same metric of several
/// worlds taken together), the lowest and the highest mean over every point and world, each with its confidence
/// interval and unit, how many times larger the highest is, and whether the two intervals overlap (if they do not, the
/// difference is beyond the replications' noise at the study's confidence). When several candidates share the lowest
/// or highest mean, the table says how many.
/// </summary>
public static class StudyHeadline
{
    /// <summary>The blocks of the headline section of <paramref name="summary"/>.</summary>
    public static IReadOnlyList<ReportBlock> Blocks(StudySummary summary, MetricUnits units)
    {
        var d = summary.Study.Declaration;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in summary.Selected.GroupBy(StudyCharts.WithoutWorld, StringComparer.Ordinal))
        {
            var keys = group.ToList();
            string? unit = units.Of(keys[0]);
            var candidates = keys
                .SelectMany(key => summary.Points.Select(p => (Label: Label(key, keys.Count > 1, p, summary), Summary: p.Get(key))))
                .Where(c => c.Summary is not null && double.IsFinite(c.Summary.Mean))
                .Select(c => (c.Label, Summary: c.Summary!))
                .ToList();
            if (candidates.Count == 0) continue;
            var low = candidates.MinBy(c => c.Summary.Mean);
            var high = candidates.MaxBy(c => c.Summary.Mean);
            int lowTies = candidates.Count(c => c.Summary.Mean == low.Summary.Mean);
            int highTies = candidates.Count(c => c.Summary.Mean == high.Summary.Mean);
            string metric = StudyFigures.Breakable(keys.Count > 1 ? $"*/{group.Key}" : keys[0]);
            if (lowTies == candidates.Count)
            {
                rows.Add([metric, $"all {candidates.Count} equal: {StudyFigures.Interval(low.Summary, unit)}", "", "1×", "yes: all equal"]);
                continue;
            }
            rows.Add([
                metric,
                Cell(low.Label, low.Summary, unit, lowTies),
                Cell(high.Label, high.Summary, unit, highTies),
                Ratio(low.Summary.Mean, high.Summary.Mean),
                Overlap(low.Summary, high.Summary),
            ]);
        }
        if (rows.Count == 0) return [new TextBlock("No selected metric has a value yet.")];
        string confidence = d.Confidence.ToString("P0", CultureInfo.InvariantCulture);
        return
        [
            new TextBlock($"For each selected metric, the lowest and the highest mean over every point{(summary.Selected.Count > 1 ? " and variant" : "")} " +
                $"of the study, as mean ± half-width of the {confidence} confidence interval over {d.Replications} replication(s). " +
                "Where the two intervals do not overlap, the difference is larger than the replications' noise."),
            new TableBlock(null, ["metric", "lowest", "highest", "highest ÷ lowest", "intervals overlap?"], rows, NumericFrom: 3),
        ];
    }

    private static string Label(string key, bool byWorld, PointSummary point, StudySummary summary)
    {
        string where = summary.Study.Points.Count > 1 ? point.Point.Label(summary.Study.Declaration) : "";
        string world = byWorld ? key[..Math.Max(0, key.IndexOf('/'))] : "";
        return (world, where) switch
        {
            ("", "") => "the only point",
            ("", _) => where,
            (_, "") => world,
            _ => $"{world} at {where}",
        };
    }

    private static string Cell(string label, SampleSummary summary, string? unit, int ties) =>
        $"{StudyFigures.Interval(summary, unit)}: {label}" + (ties > 1 ? $" (and {ties - 1} more with the same mean)" : "");

    private static string Ratio(double low, double high) =>
        low > 0 ? (high / low).ToString("0.##", CultureInfo.InvariantCulture) + "×" : low == high ? "1×" : "-";

    private static string Overlap(SampleSummary low, SampleSummary high)
    {
        if (double.IsNaN(low.HalfWidth) || double.IsNaN(high.HalfWidth)) return "no intervals (one replication)";
        if (low.Mean == high.Mean) return "yes: all equal";
        return low.High >= high.Low ? "yes: not distinguishable" : "no: a real difference";
    }
}
