using Sim.Tests.Shared;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Interconnect;

/// <summary>Runs the repository's interconnect scenarios, shortened, and gives each variant's comparison line.</summary>
internal static class InterconnectRuns
{
    /// <summary>The scenario at <paramref name="relativePath"/>, run for <paramref name="milliseconds"/> after a 100 ms warm-up.</summary>
    public static (RunResults Results, IReadOnlyDictionary<string, InterconnectComparison> Variants) Run(string relativePath, int milliseconds)
    {
        var model = Load(relativePath) with { Duration = SimTime.FromMilliseconds(100 + milliseconds), Warmup = SimTime.FromMilliseconds(100) };
        var results = ScenarioRunner.Run(model);
        return (results, InterconnectComparison.From(results).ToDictionary(l => l.Variant, StringComparer.Ordinal));
    }

    /// <summary>The scenario at <paramref name="relativePath"/> in the repository.</summary>
    public static ScenarioModel Load(string relativePath) => ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), relativePath));
}
