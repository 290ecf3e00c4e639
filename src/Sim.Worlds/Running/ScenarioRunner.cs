using Microsoft.Extensions.Logging;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Tracing.Recording;

namespace Sim.Worlds.Running;

/// <summary>
/// Runs one scenario: builds a <see cref="Simulation"/> from the model's seed and entity sections, runs it to the
/// model's duration (statistics reset at the warm-up), and gathers the <see cref="RunResults"/>.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>
    /// Builds and runs <paramref name="scenario"/>; cancellation gives partial results, never an exception. With
    /// <paramref name="trace"/>, every delivered event and every write into a watched guest-memory region is recorded
    /// (the caller completes the recorder); the results are the same with or without it.
    /// </summary>
    public static RunResults Run(ScenarioModel scenario, CancellationToken cancel = default,
        Action<RunProgress>? progress = null, ILoggerFactory? loggerFactory = null, TraceRecorder? trace = null)
    {
        var memories = new RecordedMemories(trace);
        // Guests run as partitions unless a trace needs one global order (an event budget too: see Build).
        var simulation = Build(scenario, loggerFactory, out var worlds, memories, partition: trace is null);
        trace?.Attach(simulation);
        var limits = new RunLimits(scenario.Duration, scenario.Warmup, scenario.MaxEvents);
        var outcome = simulation.Run(limits, cancel, progress);
        return new RunResults(
            scenario.Name,
            scenario.Seed,
            scenario.Duration,
            scenario.Warmup,
            outcome,
            simulation.Metrics.SummarizeAll(outcome.SimulatedTime),
            simulation.Findings,
            worlds.Where(w => w.Bus.Series is not null).Select(BusSeries).ToList(),
            simulation.Metrics.All<LatencyHistogram>().Where(h => h.Count > 0).Select(LatencyQuantiles.Of).ToList())
        {
            Overrides = scenario.Overrides,
        };
    }

    private static TimeSeries BusSeries(InterconnectWorldBuilder.World world)
    {
        var series = world.Bus.Series!;
        var points = series.Levels.Select(p => new TimeSeriesPoint(p.Time, "level", p.Level))
            .Concat(series.OwnerRates.Select(p => new TimeSeriesPoint(p.Time, "rate/" + p.Owner, p.BytesPerSecond)))
            .OrderBy(p => p.Time).ThenBy(p => p.Series, StringComparer.Ordinal)
            .ToList();
        return new TimeSeries(world.Variant, points, series.Truncated);
    }

    /// <summary>
    /// The simulation for <paramref name="scenario"/>, built but not run; with <paramref name="partition"/> (and no event
    /// budget) independent guests are partitions of their own (same results; no delivery tap may then be set).
    /// </summary>
    public static Simulation Build(ScenarioModel scenario, ILoggerFactory? loggerFactory = null, bool partition = false) =>
        Build(scenario, loggerFactory, out _, null, partition);

    private static Simulation Build(ScenarioModel scenario, ILoggerFactory? loggerFactory, out IReadOnlyList<InterconnectWorldBuilder.World> worlds,
        ICollection<Sim.Hypervisors.Memory.GuestMemory>? memories, bool partition)
    {
        worlds = [];
        partition &= scenario.MaxEvents is null; // an event budget counts events in one global order
        var simulation = new Simulation(scenario.Seed, loggerFactory);
        if (scenario.Queueing is { } queueing) QueueingWorldBuilder.Build(simulation, queueing);
        var accessLog = new Sim.Hypervisors.Memory.AccessLog();
        if (scenario.Interconnect is { } interconnect)
        {
            // Variants are independent worlds, each with its own cores when there is a host section: one partition each.
            bool partitionVariants = partition && interconnect.Variants.Count > 1;
            worlds = InterconnectWorldBuilder.Build(simulation, interconnect, scenario.Transport!, accessLog, memories, partitionVariants);
            if (scenario.Host is { } host)
            {
                foreach (var world in worlds)
                {
                    using var scope = partitionVariants ? simulation.Partition(world.Variant) : null;
                    HostCpuWorldBuilder.Build(simulation, host, scenario.Transport!, world.Variant);
                }
            }
        }
        else if (scenario.Transport is { } transport)
        {
            // Guests share host cores when there is a host section: then they are not independent.
            TransportWorldBuilder.Build(simulation, transport, accessLog, memories, partitionGuests: partition && scenario.Host is null);
            if (scenario.Host is { } host) HostCpuWorldBuilder.Build(simulation, host, transport);
        }
        return simulation;
    }

    /// <summary>The guest memories of a run as the builders create them; each is attached to the trace (if any) at once.</summary>
    private sealed class RecordedMemories(TraceRecorder? trace) : System.Collections.ObjectModel.Collection<Sim.Hypervisors.Memory.GuestMemory>
    {
        protected override void InsertItem(int index, Sim.Hypervisors.Memory.GuestMemory item)
        {
            base.InsertItem(index, item);
            trace?.Attach(item);
        }
    }
}
