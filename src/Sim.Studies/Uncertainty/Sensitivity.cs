using Sim.Scenarios.Model;
using Sim.Studies.Claims;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// One-at-a-time sensitivity (issue 19): the baseline, then each ranged cost at the low and at the high end of its
/// range with every other cost at its value, all on common random numbers. A cost's influence is the largest change it
/// makes to any reported figure at any point, |figure at high - figure at low| / |baseline figure|; costs are ranked by
/// it. A claim's verdict is decided under every setting, so the costs that flip it are named.
/// </summary>
public static class Sensitivity
{
    /// <summary>The settings: the baseline first, then per cost its low end and its high end.</summary>
    public static IReadOnlyList<CostSetting> Settings(IReadOnlyList<RangedCost> costs)
    {
        if (costs.Count == 0) throw new ArgumentException("no ranged cost to vary", nameof(costs));
        var settings = new List<CostSetting> { new("baseline", [(costs[0], costs[0].Value)]) };
        foreach (var cost in costs)
        {
            settings.Add(new CostSetting($"{cost.Name} low", [(cost, cost.Range.Low)]));
            settings.Add(new CostSetting($"{cost.Name} high", [(cost, cost.Range.High)]));
        }
        return settings;
    }

    /// <summary>The analysis of <paramref name="runs"/> made with <see cref="Settings"/> of <paramref name="costs"/>.</summary>
    public static SensitivityResult Analyse(IReadOnlyList<RangedCost> costs, SettingRuns runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var points = runs.Study.Points;
        var effects = new List<CostEffect>();
        for (int c = 0; c < costs.Count; c++)
        {
            int low = 1 + 2 * c, high = 2 + 2 * c;
            var figures = new List<FigureEffect>();
            foreach (string key in runs.Metrics)
            {
                foreach (var point in points)
                {
                    double baseline = runs.Mean(0, point.Index, key);
                    figures.Add(new FigureEffect(key, point.Index, baseline, runs.Mean(low, point.Index, key), runs.Mean(high, point.Index, key)));
                }
            }
            var strongest = figures.Where(f => double.IsFinite(f.Influence)).MaxBy(f => f.Influence);
            var flips = runs.Claims[0].Select((verdict, i) => new ClaimFlip(verdict.Claim.Name, verdict.Outcome, runs.Claims[low][i].Outcome, runs.Claims[high][i].Outcome))
                .Where(f => f.AtLow != f.Baseline || f.AtHigh != f.Baseline).ToList();
            effects.Add(new CostEffect(costs[c], strongest?.Influence ?? 0, strongest, figures, flips));
        }
        var ranked = effects.OrderByDescending(e => e.Influence).ThenBy(e => e.Cost.Name, StringComparer.Ordinal).ToList();
        return new SensitivityResult(runs.Study, runs.Metrics, runs.Claims[0], ranked) { Runs = runs };
    }
}

/// <summary>One figure (a metric key at a point) at the baseline and with one cost at each end of its range.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Point">The study point.</param>
/// <param name="Baseline">The figure with every cost at its value.</param>
/// <param name="AtLow">With the cost at its low end.</param>
/// <param name="AtHigh">With the cost at its high end.</param>
public sealed record FigureEffect(string Key, int Point, double Baseline, double AtLow, double AtHigh)
{
    /// <summary>|at high - at low| / |baseline|; the absolute change when the baseline is 0 (and NaN when a value is missing).</summary>
    public double Influence => Baseline == 0 ? Math.Abs(AtHigh - AtLow) : Math.Abs(AtHigh - AtLow) / Math.Abs(Baseline);
}

/// <summary>A claim whose verdict one cost's range end changes.</summary>
/// <param name="Claim">The claim's name.</param>
/// <param name="Baseline">Its verdict at the baseline.</param>
/// <param name="AtLow">With the cost at its low end.</param>
/// <param name="AtHigh">With the cost at its high end.</param>
public sealed record ClaimFlip(string Claim, ClaimOutcome Baseline, ClaimOutcome AtLow, ClaimOutcome AtHigh);

/// <summary>What one cost does: its influence (its strongest figure's), every figure's effect, and the claims it flips.</summary>
/// <param name="Cost">The cost.</param>
/// <param name="Influence">The largest relative change it makes to a reported figure.</param>
/// <param name="Strongest">That figure; null when none has a value.</param>
/// <param name="Figures">Every reported figure's effect, metric by metric, point by point.</param>
/// <param name="Flips">The claims whose verdict it changes.</param>
public sealed record CostEffect(RangedCost Cost, double Influence, FigureEffect? Strongest, IReadOnlyList<FigureEffect> Figures, IReadOnlyList<ClaimFlip> Flips);

/// <summary>A sensitivity analysis: the costs ranked by influence, the figures reported and the claims' baseline verdicts.</summary>
/// <param name="Study">The study analysed.</param>
/// <param name="Metrics">The metric keys reported.</param>
/// <param name="Claims">The claims' verdicts at the baseline.</param>
/// <param name="Costs">Each ranged cost's effect, most influential first.</param>
public sealed record SensitivityResult(Study Study, IReadOnlyList<string> Metrics, IReadOnlyList<ClaimVerdict> Claims, IReadOnlyList<CostEffect> Costs)
{
    /// <summary>The runs analysed, for their units (<see cref="SettingRuns.UnitOf"/>).</summary>
    public SettingRuns? Runs { get; init; }
}
