using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Costs;
using Sim.Studies.Uncertainty;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Uncertainty;

/// <summary>
/// The Latin-hypercube design of <c>sim robustness</c> (issue 19), for any number of samples, costs and seed: every
/// cost's range gets exactly one sample per stratum (linear or in the logarithm), every value stays in its range, and
/// the same seed gives the same samples.
/// </summary>
public sealed class LatinHypercubeProperties
{
    [Fact]
    public void Every_cost_gets_one_sample_per_stratum_within_its_range_and_a_seed_repeats_them()
    {
        var designs = (from samples in Gen.Choose(2, 40)
                       from costs in Gen.Choose(1, 6)
                       from logs in Gen.ListOf(Gen.Elements(false, true), costs)
                       from seed in Gen.Choose(0, int.MaxValue)
                       select (samples, logs.ToList(), (ulong)seed)).ToArbitrary();
        Check.One(PropertyRuns.Config(200), Prop.ForAll(designs, design =>
        {
            var (samples, logs, seed) = design;
            var costs = logs.Select((log, i) => new RangedCost($"c{i}", 2e-6, new CostRange(1e-7 * (i + 1), 1e-5 * (i + 1),
                log ? RangeDistribution.LogUniform : RangeDistribution.Uniform), false)).ToList();
            var settings = Robustness.Settings(costs, samples, seed);
            string? failure = null;
            for (int c = 0; c < costs.Count && failure is null; c++)
            {
                var range = costs[c].Range;
                var values = settings.Select(s => s.Values[c].Value).ToList();
                if (values.Any(v => v < range.Low || v > range.High)) failure = $"c{c}: a value outside [{range.Low}, {range.High}]";
                var strata = values.Select(v => (int)Math.Floor(samples * (range.Distribution == RangeDistribution.LogUniform
                    ? Math.Log(v / range.Low) / Math.Log(range.High / range.Low)
                    : (v - range.Low) / (range.High - range.Low)))).Order().ToList();
                if (failure is null && !strata.SequenceEqual(Enumerable.Range(0, samples))) failure = $"c{c}: strata {string.Join(",", strata)}";
            }
            var again = Robustness.Settings(costs, samples, seed);
            if (failure is null && !settings.SelectMany(s => s.Values.Select(v => v.Value)).SequenceEqual(again.SelectMany(s => s.Values.Select(v => v.Value))))
                failure = "the same seed gave other samples";
            return (failure is null).Label(failure ?? "");
        }));
    }
}
