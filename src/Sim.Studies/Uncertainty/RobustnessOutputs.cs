using System.Globalization;
using Sim.Reports;
using Sim.Worlds.Results;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// A robustness analysis as files and words: <c>results.json</c> (format <c>virtiosim-robustness/1</c>: the costs and
/// their ranges, every sample's values, per claim its counts, margins and deciding costs, per reported figure its
/// spread), the report (per claim a sentence and a scatter of its margin against the deciding cost; the figures'
/// spreads) and the console's conclusion lines.
/// </summary>
public static class RobustnessOutputs
{
    /// <summary>The format tag of the results file.</summary>
    public const string Format = "virtiosim-robustness/1";

    /// <summary>The canonical JSON of <paramref name="result"/>.</summary>
    public static string Json(RobustnessResult result, ulong seed) => CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["format"] = Format,
        ["scenario"] = result.Study.Scenario.Name,
        ["seed"] = seed,
        ["samples"] = result.Samples.Count,
        ["replications"] = result.Study.Declaration.Replications,
        ["costs"] = result.Costs.Select(c => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = c.Name,
            ["unit"] = c.Unit,
            ["value"] = c.Value,
            ["low"] = c.Range.Low,
            ["high"] = c.Range.High,
            ["distribution"] = c.Range.Distribution == Sim.Hypervisors.Costs.RangeDistribution.LogUniform ? "log-uniform" : "uniform",
        }).ToList(),
        ["sampleValues"] = result.Samples.Select(s => (object?)s.Values.Select(v => (object?)v.Value).ToList()).ToList(),
        ["claims"] = result.Claims.Select(c => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = c.Claim.Name,
            ["claim"] = c.Claim.Text,
            ["holds"] = c.Holds,
            ["fails"] = c.Fails,
            ["undecided"] = c.Undecided,
            ["margins"] = c.Margins.Select(m => double.IsFinite(m) ? (object?)m : null).ToList(),
            ["deciding"] = c.Deciding.Take(5).Select(d => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["cost"] = d.Cost.Name,
                ["rho"] = d.Rho,
                ["threshold"] = d.Threshold,
            }).ToList(),
        }).ToList(),
        ["figures"] = result.Figures.Select(f => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["metric"] = f.Key,
            ["point"] = f.Point,
            ["min"] = f.Min,
            ["p5"] = f.P5,
            ["median"] = f.Median,
            ["p95"] = f.P95,
            ["max"] = f.Max,
        }).ToList(),
    });

    /// <summary>Per claim, one sentence: how often it holds and what decides it.</summary>
    public static IReadOnlyList<string> Conclusions(RobustnessResult result) => result.Claims.Select(Sentence).ToList();

    /// <summary>The report of <paramref name="result"/>.</summary>
    public static ReportDocument Report(RobustnessResult result, ulong seed)
    {
        var study = result.Study;
        var claimBlocks = new List<ReportBlock>();
        for (int k = 0; k < result.Claims.Count; k++)
        {
            var claim = result.Claims[k];
            claimBlocks.Add(new TextBlock(Sentence(claim)));
            if (claim.Deciding.FirstOrDefault() is not { } top) continue;
            int c = result.Costs.ToList().IndexOf(top.Cost);
            var points = result.Samples.Select((s, i) => new ChartPoint(s.Values[c].Value, claim.Margins[i])).Where(p => double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();
            claimBlocks.Add(new ChartBlock(new Chart($"claim-{k}", $"{claim.Claim.Name}: margin against {top.Cost.Name}",
                new Axis(top.Cost.Name, Unit: top.Cost.Unit), new Axis("margin (≥ 0: on the claimed side)"),
                [new ChartSeries("samples", points, SeriesShape.Points)])));
        }
        var spreads = result.Figures.Where(f => f.Point == 0).Select(f => (IReadOnlyList<string>)
        [
            f.Key, Number(f.Min), Number(f.P5), Number(f.Median), Number(f.P95), Number(f.Max),
        ]).ToList();
        var sections = new List<ReportSection>
        {
            new("What the robustness says", claimBlocks.Count == 0 ? [new TextBlock("The scenario has no claims.")] : claimBlocks),
            new($"Reported figures across the samples at point 0 ({study.Points[0].Label(study.Declaration)})", [
                new TextBlock("Each figure's mean over the replications, across the samples: minimum, 5th percentile, median, 95th percentile, maximum (SI units)."),
                new TableBlock(null, ["metric", "min", "p5", "median", "p95", "max"], spreads),
            ]),
            new("Costs sampled", [new TableBlock(null, ["cost", "value", "low", "high"],
                result.Costs.Select(c => (IReadOnlyList<string>)[c.Name, MetricText.Value(c.Value, c.Unit), MetricText.Value(c.Range.Low, c.Unit), MetricText.Value(c.Range.High, c.Unit)]).ToList())]),
        };
        return new ReportDocument($"{study.Scenario.Name}: robustness", $"{result.Samples.Count} Latin-hypercube samples over {result.Costs.Count} ranged costs (seed {seed}), " +
            $"{study.Points.Count} point(s) x {study.Declaration.Replications} replication(s) each", sections);
    }

    private static string Sentence(ClaimRobustness claim)
    {
        string share = (claim.HoldsShare * 100).ToString("0", CultureInfo.InvariantCulture);
        string text = $"'{claim.Claim.Name}' holds in {share}% of the plausible cost space ({claim.Holds} of {claim.Samples} samples; {claim.Fails} fail, {claim.Undecided} undecided)";
        if (claim.Deciding.FirstOrDefault() is not { } top) return text + "; its margin does not move with the costs.";
        if (claim.Fails > 0 && top.Threshold is { } threshold) return text + $"; it {threshold}.";
        var names = claim.Deciding.Take(3).Select(d => $"{d.Cost.Name} (rho {d.Rho.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)})");
        return text + $"; its margin moves most with {string.Join(", ", names)}.";
    }

    private static string Number(double value) => MetricText.Value(value, null);
}
