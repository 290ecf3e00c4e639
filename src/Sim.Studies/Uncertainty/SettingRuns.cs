using Sim.Scenarios.Model;
using Sim.Studies.Claims;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// The runs of a study under cost settings (<see cref="CostSettings"/>), regrouped per setting into the original
/// study's points: each setting's point summaries, its claims' verdicts, and the metric keys to report (the scenario's
/// <c>headline</c>, else the study's selected metrics).
/// </summary>
/// <param name="Study">The original study.</param>
/// <param name="Settings">The settings, in order.</param>
/// <param name="Points">Per setting, the original points' summaries (in point order).</param>
/// <param name="Claims">Per setting, the verdicts of the scenario's claims.</param>
/// <param name="Metrics">The metric keys reported, in order.</param>
public sealed record SettingRuns(Study Study, IReadOnlyList<CostSetting> Settings, IReadOnlyList<IReadOnlyList<PointSummary>> Points,
    IReadOnlyList<IReadOnlyList<ClaimVerdict>> Claims, IReadOnlyList<string> Metrics)
{
    /// <summary>Groups <paramref name="records"/> of the settings study (point s x P + p) by setting and original point.</summary>
    public static SettingRuns From(Study study, IReadOnlyList<CostSetting> settings, IReadOnlyList<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(study);
        int pointCount = study.Points.Count;
        var declaration = study.Declaration;
        var points = new List<IReadOnlyList<PointSummary>>();
        var claims = new List<IReadOnlyList<ClaimVerdict>>();
        var byPoint = records.ToLookup(r => r.Point);
        for (int s = 0; s < settings.Count; s++)
        {
            var ofSetting = study.Points.Select(point => PointSummary.Of(point,
                byPoint[s * pointCount + point.Index].Select(r => r with { Point = point.Index }).ToList(),
                declaration.Confidence)).ToList();
            points.Add(ofSetting);
            claims.Add(ClaimEvaluator.ForStudy(study.Scenario.Claims, declaration, ofSetting));
        }
        var keys = points.Count == 0 ? [] : points[0].SelectMany(p => p.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        var metrics = study.Scenario.Headline is { Count: > 0 } headline
            ? headline.Where(keys.Contains).ToList()
            : new MetricSelection(declaration.Metrics).Select(keys);
        var units = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
            foreach (var (key, unit) in record.Units) units.TryAdd(key, unit);
        return new SettingRuns(study, settings, points, claims, metrics) { Units = units };
    }

    /// <summary>The unit of every metric value, by key, as the run records give it ("" for a plain number).</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    /// <summary>The unit of <paramref name="key"/> for a chart axis: null for a plain number or an unknown key.</summary>
    public string? UnitOf(string key) => Units.TryGetValue(key, out string? unit) && unit.Length > 0 ? unit : null;

    /// <summary>The mean of <paramref name="key"/> at <paramref name="point"/> under setting <paramref name="setting"/>; NaN when no run has it.</summary>
    public double Mean(int setting, int point, string key) => Points[setting][point].Get(key)?.Mean ?? double.NaN;
}
