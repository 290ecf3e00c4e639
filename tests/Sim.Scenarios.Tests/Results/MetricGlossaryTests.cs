using Sim.Scenarios.Model;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Studies.Validation;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Results;

/// <summary>
/// Every metric of every shipped scenario and validation experiment says what it measures (<c>sim metrics</c>), and the
/// catalog found without running is the set of metrics a run produces.
/// </summary>
public sealed class MetricGlossaryTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        string root = RepositoryPaths.Root();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(root, "validation"), "*.yaml")).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_metric_a_shipped_file_produces_is_described(string file)
    {
        string path = Path.Combine(RepositoryPaths.Root(), file);
        var model = ExperimentLoader.IsExperimentFile(path) ? ExperimentLoader.LoadFile(path).Scenario : ScenarioLoader.LoadFile(path);
        var missing = MetricCatalog.Of(model).Where(e => e.Description.Length == 0).Select(e => e.Path).ToList();
        Assert.True(missing.Count == 0, "metrics with no description in MetricGlossary: " + string.Join(", ", missing.Take(10)));
    }

    [Fact]
    public void The_catalog_lists_exactly_the_metrics_a_run_reports()
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/quickstart.yaml"));
        var catalog = MetricCatalog.Of(model).Select(e => e.Path).ToList();
        var run = Sim.Worlds.Running.ScenarioRunner.Run(model with { Duration = Sim.Core.Time.SimTime.FromMilliseconds(1), Warmup = Sim.Core.Time.SimTime.Zero });
        Assert.Equal(run.Metrics.Select(m => m.Key).Order(StringComparer.Ordinal), catalog);
    }
}
