using MathNet.Numerics.Statistics;
using Sim.Core.Randomness;
using Sim.Scenarios.Claims;
using Sim.Studies.Claims;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// Global robustness (issue 19): N Latin-hypercube samples over every ranged cost at once (each cost's range cut into
/// N equally likely strata, one sample per stratum, strata paired at random per cost; a log-uniform range is cut in
/// its logarithm), each sample run as the whole study. Per claim: the share of samples where it holds, and the costs
/// that decide it, ranked by the Spearman rank correlation between a cost's sampled value and the claim's margin (how
/// far its worst point is on the claimed side: the paired difference's mean, sign-adjusted; for <c>==</c>, the band
/// less the difference's size). Deterministic for a seed: each cost's strata and offsets come from its own stream,
/// <c>SplitMix64.Derive(seed, cost index + 1)</c>.
/// </summary>
public static class Robustness
{
    /// <summary>The <paramref name="samples"/> Latin-hypercube settings of <paramref name="costs"/> from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<CostSetting> Settings(IReadOnlyList<RangedCost> costs, int samples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        if (costs.Count == 0) throw new ArgumentException("no ranged cost to vary", nameof(costs));
        var values = new double[samples][];
        for (int i = 0; i < samples; i++) values[i] = new double[costs.Count];
        for (int c = 0; c < costs.Count; c++)
        {
            ulong state = SplitMix64.Derive(seed, (ulong)c + 1);
            var strata = Enumerable.Range(0, samples).ToArray();
            for (int i = samples - 1; i > 0; i--)
            {
                int j = (int)(SplitMix64.Next(ref state) % (ulong)(i + 1));
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }
            for (int i = 0; i < samples; i++)
            {
                double offset = (SplitMix64.Next(ref state) >> 11) * (1.0 / (1UL << 53));
                values[i][c] = costs[c].At((strata[i] + offset) / samples);
            }
        }
        return values.Select((v, i) => new CostSetting($"sample {i}", costs.Select((cost, c) => (cost, v[c])).ToList())).ToList();
    }

    /// <summary>The analysis of <paramref name="runs"/> made with <see cref="Settings"/> of <paramref name="costs"/>.</summary>
    public static RobustnessResult Analyse(IReadOnlyList<RangedCost> costs, SettingRuns runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int samples = runs.Settings.Count;
        var claims = new List<ClaimRobustness>();
        var claimList = runs.Study.Scenario.Claims;
        for (int k = 0; k < claimList.Count; k++)
        {
            var outcomes = runs.Claims.Select(v => v[k].Outcome).ToList();
            var margins = runs.Claims.Select(v => Margin(v[k])).ToList();
            var deciding = new List<CostCorrelation>();
            if (margins.All(double.IsFinite) && margins.Distinct().Count() > 1)
            {
                for (int c = 0; c < costs.Count; c++)
                {
                    var x = runs.Settings.Select(s => s.Values[c].Value).ToList();
                    double rho = Correlation.Spearman(x, margins);
                    if (double.IsFinite(rho)) deciding.Add(new CostCorrelation(costs[c], rho, Threshold(costs[c], x, outcomes)));
                }
            }
            deciding = deciding.OrderByDescending(d => Math.Abs(d.Rho)).ThenBy(d => d.Cost.Name, StringComparer.Ordinal).ToList();
            claims.Add(new ClaimRobustness(claimList[k], outcomes.Count(o => o == ClaimOutcome.Holds), outcomes.Count(o => o == ClaimOutcome.Fails),
                outcomes.Count(o => o == ClaimOutcome.Undecided), samples, margins, deciding));
        }
        var figures = new List<FigureSpread>();
        foreach (string key in runs.Metrics)
        {
            foreach (var point in runs.Study.Points)
            {
                var values = Enumerable.Range(0, samples).Select(s => runs.Mean(s, point.Index, key)).Where(double.IsFinite).ToList();
                if (values.Count == 0) continue;
                figures.Add(new FigureSpread(key, point.Index, values.Min(), Statistics.Quantile(values, 0.05), Statistics.Median(values),
                    Statistics.Quantile(values, 0.95), values.Max()));
            }
        }
        return new RobustnessResult(runs.Study, costs, runs.Settings, claims, figures);
    }

    /// <summary>
    /// The claim's margin under one setting: how far the difference is on the claimed side at its worst point (at its
    /// best for a claim <c>at some point</c>).
    /// </summary>
    public static double Margin(ClaimVerdict verdict)
    {
        if (verdict.Points.Count == 0) return double.NaN;
        var comparison = verdict.Claim.Comparison;
        var margins = verdict.Points.Select(p => comparison.Relation switch
        {
            ClaimRelation.Less or ClaimRelation.LessOrEqual => -p.Difference.Mean,
            ClaimRelation.Greater or ClaimRelation.GreaterOrEqual => p.Difference.Mean,
            _ => comparison.Tolerance * Math.Abs(p.Right) - Math.Abs(p.Difference.Mean),
        });
        return verdict.Claim.AtSomePoint ? margins.Max() : margins.Min();
    }

    /// <summary>
    /// Where <paramref name="cost"/> alone separates the failing samples from the holding ones: "below V" when every
    /// failing sample has the cost under every holding one, "above V" the other way round; null when they mix or
    /// either is missing.
    /// </summary>
    private static string? Threshold(RangedCost cost, IReadOnlyList<double> x, IReadOnlyList<ClaimOutcome> outcomes)
    {
        var fail = x.Where((_, i) => outcomes[i] == ClaimOutcome.Fails).ToList();
        var hold = x.Where((_, i) => outcomes[i] == ClaimOutcome.Holds).ToList();
        if (fail.Count == 0 || hold.Count == 0) return null;
        string Value(double v) => MetricText.Value(v, cost.Unit);
        if (fail.Max() < hold.Min()) return $"fails only when {cost.Name} < {Value((fail.Max() + hold.Min()) / 2)}";
        if (fail.Min() > hold.Max()) return $"fails only when {cost.Name} > {Value((fail.Min() + hold.Max()) / 2)}";
        return null;
    }
}

/// <summary>A cost's rank correlation with a claim's margin, and the threshold it alone sets, if any.</summary>
/// <param name="Cost">The cost.</param>
/// <param name="Rho">Spearman's rho between its sampled values and the claim's margins.</param>
/// <param name="Threshold">"fails only when COST &lt; V" when that cost alone separates failing from holding samples; else null.</param>
public sealed record CostCorrelation(RangedCost Cost, double Rho, string? Threshold);

/// <summary>How a claim fared across the samples.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Holds">Samples where it holds.</param>
/// <param name="Fails">Samples where it fails.</param>
/// <param name="Undecided">Samples where it is undecided.</param>
/// <param name="Samples">All samples.</param>
/// <param name="Margins">Its margin per sample, in sample order.</param>
/// <param name="Deciding">The costs by |rho|, strongest first (empty when the margin never changes).</param>
public sealed record ClaimRobustness(Claim Claim, int Holds, int Fails, int Undecided, int Samples, IReadOnlyList<double> Margins, IReadOnlyList<CostCorrelation> Deciding)
{
    /// <summary>The share of samples where the claim holds.</summary>
    public double HoldsShare => Samples == 0 ? 0 : Holds / (double)Samples;
}

/// <summary>A figure's spread over the samples: the minimum, 5th percentile, median, 95th percentile and maximum of its mean.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Point">The study point.</param>
/// <param name="Min">The smallest.</param>
/// <param name="P5">The 5th percentile.</param>
/// <param name="Median">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="Max">The largest.</param>
public sealed record FigureSpread(string Key, int Point, double Min, double P5, double Median, double P95, double Max);

/// <summary>A robustness analysis: the costs, the samples, each claim's fate and each figure's spread.</summary>
/// <param name="Study">The study analysed.</param>
/// <param name="Costs">The ranged costs sampled.</param>
/// <param name="Samples">The samples, in order.</param>
/// <param name="Claims">Per claim, how it fared.</param>
/// <param name="Figures">Per reported figure and point, its spread.</param>
public sealed record RobustnessResult(Sim.Scenarios.Model.Study Study, IReadOnlyList<RangedCost> Costs, IReadOnlyList<CostSetting> Samples,
    IReadOnlyList<ClaimRobustness> Claims, IReadOnlyList<FigureSpread> Figures);
