using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Worlds.Running;

namespace Sim.Worlds.Results;

/// <summary>One metric a scenario produces: its path, kind, unit and what it measures (<see cref="MetricGlossary"/>).</summary>
/// <param name="Path">The metric's path (<c>guest/device/actor/name</c>).</param>
/// <param name="Kind">counter, gauge, histogram, ratio, integral, access, ledger.</param>
/// <param name="Unit">Its unit ("" for a plain number).</param>
/// <param name="Description">What it measures.</param>
public sealed record MetricEntry(string Path, string Kind, string Unit, string Description);

/// <summary>
/// The metrics a scenario produces, found without running it: its world is built and started (every actor registers
/// its metrics at time zero), then stopped before any event; each is described from <see cref="MetricGlossary"/>.
/// For <c>sim metrics</c>, and for study metric patterns.
/// </summary>
public static class MetricCatalog
{
    /// <summary>The metrics of <paramref name="scenario"/>, in path order.</summary>
    public static IReadOnlyList<MetricEntry> Of(ScenarioModel scenario)
    {
        var simulation = ScenarioRunner.Build(scenario);
        simulation.Run(new Sim.Core.Running.RunLimits(SimTime.FromPicoseconds(1), SimTime.Zero));
        return simulation.Metrics.All<Metric>()
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .Select(m => new MetricEntry(m.Path, m.Kind, m.Unit, MetricGlossary.Describe(m.Path)))
            .ToList();
    }
}
