using Sim.Scenarios.Model;
using Sim.Scenarios.Loading;
using Sim.Studies.Validation;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>One <c>expect:</c> section for scenarios (findings only) and validation experiments (their keys, and findings).</summary>
public sealed class ExpectSectionTests
{
    private const string Queue = SmallScenarios.Queue;

    [Fact]
    public void A_scenario_declares_its_expected_findings()
    {
        var model = ScenarioLoader.LoadText(Queue + "expect:\n  findings: [gpu-scanout-deadline-miss, dma-map-refused]\n", "s.yaml");
        Assert.Equal(["gpu-scanout-deadline-miss", "dma-map-refused"], model.Expected);
    }

    [Fact]
    public void A_scenario_without_expect_expects_nothing()
    {
        Assert.Empty(ScenarioLoader.LoadText(Queue, "s.yaml").Expected);
    }

    [Fact]
    public void A_scenario_with_findings_only_is_not_taken_for_an_experiment()
    {
        string file = Path.Combine(Path.GetTempPath(), $"expect-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Queue + "expect: { findings: [a-b] }\n");
        Assert.False(ExperimentLoader.IsExperimentFile(file));
    }

    [Fact]
    public void An_experiment_may_declare_findings_beside_its_validation_keys()
    {
        string path = Sim.Tests.Shared.RepositoryPaths.Of("validation/christie-vhost-one-job.yaml");
        string yaml = File.ReadAllText(path).Replace("expect:\n", "expect:\n  findings: [offered-load-exceeds-capacity]\n", StringComparison.Ordinal);
        Assert.Contains("findings:", yaml);
        var experiment = ExperimentLoader.LoadText(yaml, path);
        Assert.Equal(["offered-load-exceeds-capacity"], experiment.Scenario.Expected);
        Assert.True(ExperimentLoader.IsExperimentFile(path));
    }

    [Fact]
    public void Every_shipped_experiment_still_loads()
    {
        foreach (string file in Directory.EnumerateFiles(Sim.Tests.Shared.RepositoryPaths.Of("validation"), "*.yaml"))
            Assert.NotNull(ExperimentLoader.LoadFile(file));
    }

    [Fact]
    public void An_experiment_key_in_a_scenario_is_a_located_error_saying_where_it_belongs()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(Queue + "expect:\n  role: validation\n", "s.yaml"));
        Assert.Equal((9, 9), (error.Line, error.Column));
        Assert.Contains("belongs to a validation experiment", error.Problem);
    }
}
