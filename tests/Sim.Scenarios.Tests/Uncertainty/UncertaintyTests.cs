using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies.Claims;
using Sim.Studies.Uncertainty;

namespace Sim.Scenarios.Tests.Uncertainty;

/// <summary>
/// Sensitivity and robustness (issue 19) on a small KVM block device: byte-identical results for any number of jobs,
/// a claim built to depend on one cost attributed to that cost, and the sampling design.
/// </summary>
public sealed class UncertaintyTests
{
    // The claim is about the time the backend spends taking chains off the ring: the count of chains times
    // backend.popChain, so that cost decides it; the threshold is near its value at the profile's popChain.
    private const string Scenario = """
        name: tiny
        seed: 19
        duration: 3ms
        warmup: 500us
        costs: kvm-x86
        guests:
          - name: vm
            memory: 16MiB
            devices:
              - name: blk0
                type: blk
                workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 1.0, span: 1MiB, channels: 1 }
        claims:
          popping chains stays cheap: costs.backend.popChain.busy[vm] < COST
        """;

    private static Study Study(double threshold = 1) => StudyLoader.LoadText(Scenario.Replace("COST", threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "tiny.yaml");

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"uncertainty-{Guid.NewGuid():N}");

    private static T InTemp<T>(Func<string, T> body)
    {
        string directory = Temp();
        try
        {
            return body(directory);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Sensitivity_results_are_byte_identical_for_one_and_two_jobs()
    {
        var study = Study();
        var costs = UncertaintyRuns.CostsOf(study);
        var settings = Sensitivity.Settings(costs);
        string Json(int jobs) => InTemp(dir => SensitivityOutputs.Json(Sensitivity.Analyse(costs, UncertaintyRuns.Run(study, settings, 2, dir, jobs).Runs!)));
        string one = Json(1);
        Assert.Equal(one, Json(2));
        Assert.Contains("\"backend.popChain\"", one);
    }

    [Fact]
    public void Robustness_results_are_byte_identical_for_one_and_two_jobs()
    {
        var study = Study(1e-4);
        var costs = UncertaintyRuns.CostsOf(study);
        var settings = Robustness.Settings(costs, 6, 11);
        string Json(int jobs) => InTemp(dir => RobustnessOutputs.Json(Robustness.Analyse(costs, UncertaintyRuns.Run(study, settings, 1, dir, jobs).Runs!), 11));
        Assert.Equal(Json(1), Json(2));
    }

    [Fact]
    public void Robustness_attributes_a_claim_built_on_one_cost_to_that_cost()
    {
        var probe = Study();
        var costs = UncertaintyRuns.CostsOf(probe);
        var popChain = costs.Single(c => c.Name == "backend.popChain");
        // The threshold: the baseline run's busy time, so that about the samples with popChain above its value fail.
        var baseline = InTemp(dir => UncertaintyRuns.Run(probe, Sensitivity.Settings(costs).Take(1).ToList(), 1, dir, 2).Runs!);
        double busy = baseline.Mean(0, 0, "vm/blk0/backend/costs.backend.popChain.busy");
        var study = Study(busy);
        var settings = Robustness.Settings(costs, 16, 7);
        var result = InTemp(dir => Robustness.Analyse(costs, UncertaintyRuns.Run(study, settings, 1, dir, 2).Runs!));
        var claim = Assert.Single(result.Claims);
        Assert.True(claim.Holds > 0 && claim.Fails > 0, $"{claim.Holds} hold, {claim.Fails} fail");
        Assert.Equal("backend.popChain", claim.Deciding[0].Cost.Name);
        Assert.True(claim.Deciding[0].Rho < -0.8, $"rho {claim.Deciding[0].Rho}");
        Assert.True(Math.Abs(claim.Deciding[1].Rho) < Math.Abs(claim.Deciding[0].Rho) / 2);
        Assert.Contains(popChain.Name, RobustnessOutputs.Conclusions(result)[0]);
    }

    [Fact]
    public void Latin_hypercube_samples_put_one_value_in_each_stratum_of_every_range()
    {
        var costs = new[]
        {
            new RangedCost("a", 2e-6, new CostRange(1e-6, 5e-6), false),
            new RangedCost("b", 1e-7, new CostRange(1e-8, 1e-6, RangeDistribution.LogUniform), false),
        };
        var settings = Robustness.Settings(costs, 10, 3);
        Assert.Equal(10, settings.Count);
        for (int c = 0; c < costs.Length; c++)
        {
            var strata = settings.Select(s =>
            {
                double v = s.Values[c].Value;
                var range = costs[c].Range;
                double q = range.Distribution == RangeDistribution.LogUniform ? Math.Log(v / range.Low) / Math.Log(range.High / range.Low) : (v - range.Low) / (range.High - range.Low);
                return (int)Math.Floor(q * 10);
            }).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 10), strata);
        }
        Assert.Equal(settings.Select(s => s.Values[0].Value), Robustness.Settings(costs, 10, 3).Select(s => s.Values[0].Value));
        Assert.NotEqual(settings.Select(s => s.Values[0].Value), Robustness.Settings(costs, 10, 4).Select(s => s.Values[0].Value));
    }

    [Fact]
    public void The_settings_study_sweeps_the_cost_overrides_outermost_on_common_seeds()
    {
        var study = Study();
        var costs = new[] { new RangedCost("backend.popChain", 2e-7, new CostRange(1e-7, 4e-7), false) };
        var derived = CostSettings.Build(study, Sensitivity.Settings(costs), 2);
        Assert.Equal(3, derived.Points.Count);
        Assert.Equal(SeedDerivation.Common, derived.Declaration.Seeds);
        Assert.Equal([2e-7, 1e-7, 4e-7], derived.Points.Select(p => p.Model.Transport!.Costs["backend.popChain"].PerOperation.TotalSeconds));
        Assert.Equal(derived.Run(0, 1).Seed, derived.Run(2, 1).Seed);
        // A cluster worker reads the study from its text and must find the same study the coordinator runs.
        var reread = StudyLoader.LoadText(derived.Text, "tiny.yaml", [], ScenarioFiles.Sent("tiny.yaml", derived.Files));
        Assert.Equal(Sim.Studies.StudyRunner.Identity(derived), Sim.Studies.StudyRunner.Identity(reread));
    }
}
