using System.Globalization;
using Sim.Reports;
using Sim.Studies.Claims;
using Sim.Worlds.Results;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// A sensitivity analysis as files and words: <c>results.json</c> (format <c>virtiosim-sensitivity/1</c>: the costs
/// ranked with their ranges and influence, every figure at the baseline and at each cost's ends, the claims and the
/// costs that flip them), the report (conclusions in plain words, the ranking, a tornado chart per reported metric at
/// the study's first point) and the console's conclusion lines.
/// </summary>
public static class SensitivityOutputs
{
    /// <summary>The format tag of the results file.</summary>
    public const string Format = "virtiosim-sensitivity/1";

    /// <summary>How many costs a tornado chart shows, the most influential.</summary>
    public const int TornadoBars = 12;

    /// <summary>The canonical JSON of <paramref name="result"/>.</summary>
    public static string Json(SensitivityResult result) => CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["format"] = Format,
        ["scenario"] = result.Study.Scenario.Name,
        ["seed"] = result.Study.Scenario.Seed,
        ["replications"] = result.Study.Declaration.Replications,
        ["metrics"] = result.Metrics,
        ["claims"] = ClaimsJson.Tree(result.Claims),
        ["costs"] = result.Costs.Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = e.Cost.Name,
            ["unit"] = e.Cost.Unit,
            ["value"] = e.Cost.Value,
            ["low"] = e.Cost.Range.Low,
            ["high"] = e.Cost.Range.High,
            ["influence"] = e.Influence,
            ["strongest"] = e.Strongest is { } s ? $"{s.Key} at point {s.Point}" : null,
            ["figures"] = e.Figures.Select(f => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["metric"] = f.Key,
                ["point"] = f.Point,
                ["baseline"] = Finite(f.Baseline),
                ["atLow"] = Finite(f.AtLow),
                ["atHigh"] = Finite(f.AtHigh),
            }).ToList(),
            ["flips"] = e.Flips.Select(f => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["claim"] = f.Claim,
                ["baseline"] = ClaimVerdict.Name(f.Baseline),
                ["atLow"] = ClaimVerdict.Name(f.AtLow),
                ["atHigh"] = ClaimVerdict.Name(f.AtHigh),
            }).ToList(),
        }).ToList(),
    });

    /// <summary>The conclusions in plain words: the most influential costs, and per claim whether any cost's range end flips it.</summary>
    public static IReadOnlyList<string> Conclusions(SensitivityResult result)
    {
        var lines = new List<string>();
        var top = result.Costs.Where(c => c.Influence > 0).Take(3).ToList();
        lines.Add(top.Count == 0
            ? "No ranged cost moves any reported figure across its range."
            : "Most influential: " + string.Join("; ", top.Select(c => $"{c.Cost.Name} (moves {c.Strongest!.Key} at point {c.Strongest.Point} by {Percent(c.Influence)} across its range)")) + ".");
        foreach (var claim in result.Claims)
        {
            var flips = result.Costs.Where(c => c.Flips.Any(f => f.Claim == claim.Claim.Name)).Select(c => Flip(c, claim.Claim.Name)).ToList();
            lines.Add(flips.Count == 0
                ? $"'{claim.Claim.Name}' {ClaimVerdict.Name(claim.Outcome)} at the baseline and at both ends of every cost's range."
                : $"'{claim.Claim.Name}' {ClaimVerdict.Name(claim.Outcome)} at the baseline; it changes with {string.Join(", ", flips)}.");
        }
        return lines;
    }

    /// <summary>The report of <paramref name="result"/>.</summary>
    public static ReportDocument Report(SensitivityResult result)
    {
        var study = result.Study;
        var ranking = result.Costs.Select(c => (IReadOnlyList<string>)
        [
            c.Cost.Name,
            c.Strongest is { } s ? $"{s.Key} (point {s.Point})" : "",
            string.Join(", ", c.Flips.Select(f => f.Claim)),
            $"{MetricText.Value(c.Cost.Range.Low, c.Cost.Unit)} – {MetricText.Value(c.Cost.Range.High, c.Cost.Unit)}",
            Percent(c.Influence),
        ]).ToList();
        var tornadoes = result.Metrics.Select((key, i) => (ReportBlock)new TornadoBlock(Tornado(result, key, i))).ToList();
        var sections = new List<ReportSection>
        {
            new("What the sensitivity says", [.. Conclusions(result).Select(l => (ReportBlock)new TextBlock(l)), .. ClaimRows.Blocks(result.Claims, study.Declaration.Confidence)]),
            new("Costs by influence", [
                new TextBlock("Each cost with a declared range set to its low and to its high end, every other cost at its value, on common random " +
                    "numbers; influence is the largest change of a reported figure across the range, relative to the baseline."),
                new TableBlock(null, ["cost", "figure it moves most", "claims it flips", "range", "influence"], ranking, NumericFrom: 3),
            ]),
            new($"Tornado charts at point 0 ({study.Points[0].Label(study.Declaration)})", tornadoes),
        };
        return new ReportDocument($"{study.Scenario.Name}: sensitivity", $"{result.Costs.Count} ranged costs, one at a time, {study.Points.Count} point(s) x " +
            $"{study.Declaration.Replications} replication(s), seed {study.Scenario.Seed}", sections);
    }

    /// <summary>
    /// The tornado of <paramref name="key"/> at the first point: the costs that move it, by how far (|at high - at low|),
    /// at most <see cref="TornadoBars"/> of them.
    /// </summary>
    private static Tornado Tornado(SensitivityResult result, string key, int index)
    {
        var figures = result.Costs.Select(c => (c.Cost, Figure: c.Figures.First(f => f.Key == key && f.Point == 0))).ToList();
        double baseline = figures.Count == 0 ? double.NaN : figures[0].Figure.Baseline;
        var bars = figures.Where(f => double.IsFinite(f.Figure.AtHigh - f.Figure.AtLow) && f.Figure.AtHigh != f.Figure.AtLow)
            .OrderByDescending(f => Math.Abs(f.Figure.AtHigh - f.Figure.AtLow)).ThenBy(f => f.Cost.Name, StringComparer.Ordinal)
            .Take(TornadoBars).Select(f => new TornadoBar(f.Cost.Name, f.Figure.AtLow, f.Figure.AtHigh)).ToList();
        return new Tornado($"tornado-{index}", key, Unit(result, key), baseline, bars);
    }

    private static string Flip(CostEffect cost, string claim)
    {
        var flip = cost.Flips.First(f => f.Claim == claim);
        var ends = new List<string>();
        if (flip.AtLow != flip.Baseline) ends.Add($"low end: {ClaimVerdict.Name(flip.AtLow)}");
        if (flip.AtHigh != flip.Baseline) ends.Add($"high end: {ClaimVerdict.Name(flip.AtHigh)}");
        return $"{cost.Cost.Name} ({string.Join(", ", ends)})";
    }

    private static string? Unit(SensitivityResult result, string key) => result.Runs?.UnitOf(key);

    private static string Percent(double fraction) => (fraction * 100).ToString(fraction < 0.1 ? "0.##" : "0", CultureInfo.InvariantCulture) + "%";

    private static object? Finite(double value) => double.IsFinite(value) ? value : null;
}
