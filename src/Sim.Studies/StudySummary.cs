using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// A study's results, computed from its run records only: per point, every metric value's <see cref="SampleSummary"/>
/// over the replications recorded, the latency distributions pooled over replications (quantile by quantile), and the
/// findings; the selected metrics (<see cref="MetricSelection"/>); and the warnings about intervals wider than asked.
/// </summary>
/// <param name="Study">The study.</param>
/// <param name="Points">One summary per point, in point order.</param>
/// <param name="Selected">The selected metric keys (tables, plots, warnings, comparisons).</param>
/// <param name="Warnings">Warnings in point, then metric order.</param>
public sealed record StudySummary(Study Study, IReadOnlyList<PointSummary> Points, IReadOnlyList<string> Selected, IReadOnlyList<StudyWarning> Warnings)
{
    /// <summary>The verdicts of the scenario's claims over the points recorded (<see cref="Sim.Studies.Claims.ClaimEvaluator"/>), in claim order.</summary>
    public IReadOnlyList<Sim.Studies.Claims.ClaimVerdict> Claims { get; init; } = [];

    /// <summary>The unit of every metric value, by key, as the run records give it ("" for a plain number).</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    /// <summary>The unit of <paramref name="key"/> ("" for a plain number); null when no run recorded it.</summary>
    public string? UnitOf(string key) => Units.TryGetValue(key, out string? unit) ? unit : null;

    /// <summary>The interval of <paramref name="key"/> at <paramref name="point"/> with its unit (<see cref="MetricText"/>); "-" when no run has it.</summary>
    public string IntervalText(PointSummary point, string key) =>
        point.Get(key) is { } s ? MetricText.Interval(s.Mean, s.HalfWidth, UnitOf(key)) : "-";

    /// <summary>Whether every run of every point is recorded.</summary>
    public bool Complete => Points.All(p => p.Runs.Count == Study.Declaration.Replications);

    /// <summary>Summarises <paramref name="records"/> (in run order) of <paramref name="study"/>.</summary>
    public static StudySummary Of(Study study, IReadOnlyList<RunRecord> records)
    {
        var declaration = study.Declaration;
        var points = study.Points.Select(point => PointSummary.Of(point, records.Where(r => r.Point == point.Index).ToList(), declaration.Confidence)).ToList();
        var keys = points.SelectMany(p => p.Metrics.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        var selection = new MetricSelection(declaration.Metrics);
        var selected = selection.Select(keys);
        var units = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
            foreach (var (key, unit) in record.Units) units.TryAdd(key, unit);
        var warnings = new List<StudyWarning>();
        foreach (string pattern in selection.Unmatched(keys).Where(_ => declaration.Metrics.Count > 0))
            warnings.Add(new StudyWarning(null, null, null, $"the metric pattern '{pattern}' matches no metric of this study"));
        foreach (var point in points)
        {
            if (point.Runs.Count < declaration.Replications)
                warnings.Add(new StudyWarning(point.Point.Index, null, null, $"point {point.Point.Index} ({point.Point.Label(declaration)}): {point.Runs.Count} of {declaration.Replications} replications recorded"));
            foreach (string key in selected)
            {
                if (point.Get(key) is not { } s || !(s.RelativeHalfWidth > declaration.WarnWidth)) continue;
                warnings.Add(new StudyWarning(point.Point.Index, key, s, $"point {point.Point.Index} ({point.Point.Label(declaration)}): {key} = {MetricText.Interval(s.Mean, s.HalfWidth, units.GetValueOrDefault(key))} " +
                    $"(n={s.Count}, {declaration.Confidence:P0}) is ±{s.RelativeHalfWidth:P0} of its mean, wider than {declaration.WarnWidth:P0}; run more replications"));
            }
        }
        return new StudySummary(study, points, selected, warnings)
        {
            Units = units,
            Claims = Sim.Studies.Claims.ClaimEvaluator.ForStudy(study.Scenario.Claims, declaration, points),
        };
    }

    /// <summary>
    /// An interval whose unit is not known: <see cref="MetricText.Interval"/> with the SI prefix alone. Kept for callers
    /// without the key; tables and messages give the unit (<see cref="IntervalText"/>, <see cref="UnitOf"/>).
    /// </summary>
    public static string Interval(double mean, double halfWidth) => MetricText.Interval(mean, halfWidth, null);

    /// <summary>The interval of <paramref name="summary"/>, its unit not known (see <see cref="Interval(double, double)"/>).</summary>
    public static string Interval(SampleSummary summary) => Interval(summary.Mean, summary.HalfWidth);

    /// <summary>
    /// A number whose unit is not known: <see cref="MetricText.Value"/> with the SI prefix alone. Kept for callers
    /// without the key; tables and messages give the unit (<see cref="MetricText"/>, <see cref="UnitOf"/>).
    /// </summary>
    public static string Format(double value) => MetricText.Value(value, null);
}

/// <summary>Something the reader of a study should know: a wide interval, missing runs, a pattern matching nothing.</summary>
/// <param name="Point">The point it is about; null for the whole study.</param>
/// <param name="Metric">The metric key it is about (a wide interval); null otherwise.</param>
/// <param name="Summary">The wide interval; null otherwise.</param>
/// <param name="Text">The warning as a sentence.</param>
public sealed record StudyWarning(int? Point, string? Metric, SampleSummary? Summary, string Text);

/// <summary>One point's results over its recorded replications.</summary>
/// <param name="Point">The point.</param>
/// <param name="Runs">Its run records, by replication.</param>
/// <param name="Metrics">Every metric value's summary, by key in ordinal order.</param>
/// <param name="Quantiles">Each latency histogram's quantiles, averaged over the replications that have it.</param>
/// <param name="Findings">Findings per rule, summed over replications.</param>
public sealed record PointSummary(
    StudyPoint Point,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<KeyValuePair<string, SampleSummary>> Metrics,
    IReadOnlyList<LatencyQuantiles> Quantiles,
    IReadOnlyList<KeyValuePair<string, int>> Findings)
{
    private Dictionary<string, SampleSummary>? _byKey;

    /// <summary>The summary of <paramref name="key"/>; null when no replication has it.</summary>
    public SampleSummary? Get(string key) =>
        (_byKey ??= Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)).GetValueOrDefault(key);

    /// <summary>The summary of <paramref name="runs"/> of <paramref name="point"/> at confidence <paramref name="level"/>.</summary>
    public static PointSummary Of(StudyPoint point, IReadOnlyList<RunRecord> runs, double level)
    {
        var samples = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var run in runs)
            foreach (var (key, value) in run.Values)
                (samples.TryGetValue(key, out var list) ? list : samples[key] = []).Add(value);
        var metrics = samples.Select(s => KeyValuePair.Create(s.Key, SampleSummary.Of(s.Value, level))).ToList();

        var quantiles = runs.SelectMany(r => r.Quantiles).GroupBy(q => q.Path, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LatencyQuantiles(g.Key, Enumerable.Range(0, LatencyQuantiles.Percents.Count)
                .Select(i => g.Sum(q => q.Seconds[i]) / g.Count()).ToList()))
            .ToList();
        var findings = runs.SelectMany(r => r.Findings).GroupBy(f => f.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(f => f.Value)))
            .ToList();
        return new PointSummary(point, runs, metrics, quantiles, findings);
    }
}
