using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The <c>results.json</c> of a study (format <c>virtiosim-study/1</c>), canonical JSON: the scenario, seed and seed
/// derivation, replications, confidence level, the parameters and their values, then one entry per point (its values,
/// run seeds, runs recorded, findings per rule, and every metric value's n, mean, stddev, low, high, halfWidth and unit
/// (<see cref="ValueUnits"/>: "" for a plain number)), the
/// selected metrics and the warnings. It holds no wall-clock time: the same study gives the same bytes, whatever the
/// number of jobs or how often it was resumed.
/// </summary>
public static class StudyResultsJson
{
    /// <summary>The format tag of a study's results.</summary>
    public const string Format = "virtiosim-study/1";

    /// <summary>The canonical JSON text of <paramref name="summary"/>.</summary>
    public static string Write(StudySummary summary)
    {
        var study = summary.Study;
        var declaration = study.Declaration;
        return CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["scenario"] = study.Scenario.Name,
            ["seed"] = study.Scenario.Seed,
            ["seeds"] = declaration.Seeds == SeedDerivation.Common ? "common" : "independent",
            ["combination"] = declaration.Combination == SweepCombination.Zip ? "zip" : "grid",
            ["replications"] = declaration.Replications,
            ["confidence"] = declaration.Confidence,
            ["warnWidth"] = declaration.WarnWidth,
            ["complete"] = summary.Complete,
            ["parameters"] = declaration.Parameters.Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = p.Name,
                ["paths"] = p.Paths,
                ["values"] = p.Values.Select(v => v.Text).ToList(),
            }).ToList(),
            ["points"] = summary.Points.Select(p => PointTree(summary, p)).ToList(),
            ["selected"] = summary.Selected,
            ["warnings"] = summary.Warnings.Select(w => w.Text).ToList(),
            ["claims"] = Claims.ClaimsJson.Tree(summary.Claims),
        });
    }

    private static Dictionary<string, object?> PointTree(StudySummary summary, PointSummary point)
    {
        var study = summary.Study;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < point.Point.Values.Count; i++) values[study.Declaration.Parameters[i].Name] = point.Point.Values[i].Text;
        var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, s) in point.Metrics)
        {
            metrics[key] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["n"] = s.Count,
                ["mean"] = s.Mean,
                ["stddev"] = s.StandardDeviation,
                ["halfWidth"] = s.HalfWidth,
                ["low"] = s.Low,
                ["high"] = s.High,
                ["unit"] = summary.UnitOf(key) ?? "",
            };
        }
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["index"] = point.Point.Index,
            ["label"] = point.Point.Label(study.Declaration),
            ["values"] = values,
            ["seeds"] = point.Runs.Select(r => r.Seed).ToList(),
            ["runs"] = point.Runs.Count,
            ["partialRuns"] = point.Runs.Count(r => r.Partial),
            ["findings"] = point.Findings.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal),
            ["metrics"] = metrics,
        };
    }
}
