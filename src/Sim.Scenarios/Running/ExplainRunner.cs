using Sim.Core.Time;
using Sim.Devices.Transport;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Tracing.Explaining;
using Sim.Tracing.Recording;

namespace Sim.Scenarios.Running;

/// <summary>
/// Runs a scenario briefly with a trace and a probe of one device's platform counters, and tells that device's first
/// requests step by step (<see cref="TransactionNarrator"/>): what <c>sim explain</c> prints and draws.
/// </summary>
public static class ExplainRunner
{
    /// <summary>
    /// The first <paramref name="requests"/> requests of <paramref name="device"/> (a device path such as <c>kvm/blk0</c>;
    /// null for the scenario's first device), from a run of at most <paramref name="until"/> of simulated time with no warm-up.
    /// </summary>
    /// <exception cref="ArgumentException">No device has that path; the message lists the devices there are.</exception>
    public static ExplainedRun Explain(ScenarioModel scenario, string? device, int requests, SimTime until)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        var model = scenario with { Duration = SimTime.Min(scenario.Duration, until), Warmup = SimTime.Zero, MaxEvents = null };
        string path = Path.Combine(Path.GetTempPath(), $"virtiosim-explain-{Environment.ProcessId}-{Guid.NewGuid():N}.trace");
        var snapshots = new Dictionary<long, long[]>();
        PlatformCounters? counters = null;
        ExposureMetric? exposure = null;
        long[] Snapshot() => [.. counters!.Snapshot(), exposure?.PagesNow ?? 0, exposure?.StalePagesNow ?? 0];
        string? chosen = device;
        bool eventIdx = false;
        using (var recorder = new TraceRecorder(path, scenario.Name, scenario.Seed))
        {
            recorder.BeforeEvent = k =>
            {
                if (counters is null && recorder.Simulation is { } simulation)
                {
                    var drivers = simulation.Actors.OfType<VirtioDriver>().Select(d => d.Id.Path[..^"/driver".Length]).ToList();
                    chosen ??= drivers.FirstOrDefault() ?? throw new ArgumentException("the scenario has no virtio device to explain");
                    if (!drivers.Contains(chosen))
                        throw new ArgumentException($"no device '{chosen}' in the scenario; devices: {string.Join(", ", drivers)}");
                    counters = simulation.Metrics.Find($"{chosen}/platform") as PlatformCounters;
                    exposure = simulation.Metrics.Find($"{chosen}/exposure") as ExposureMetric;
                }
                if (counters is not null && k > 0) snapshots[k - 1] = Snapshot();
            };
            ScenarioRunner.Run(model, trace: recorder);
            if (counters is not null) snapshots[recorder.Events - 1] = Snapshot();
            if (recorder.Simulation?.Actors.OfType<VirtioDriver>().FirstOrDefault(d => d.Id.Path == chosen + "/driver") is { } driver)
                eventIdx = VirtioFeatures.Has(driver.NegotiatedFeatures, VirtioFeatures.EventIdx);
            recorder.Complete();
        }
        try
        {
            var (header, records) = TraceReader.ReadFile(path);
            var hints = ExplainCostHints.For(scenario.Transport, chosen!);
            var narrator = new TransactionNarrator(header, chosen!, eventIdx, [.. PlatformCounters.SnapshotNames, "exposedPages", "stalePages"],
                k => snapshots.GetValueOrDefault(k))
            {
                Price = hints is null ? null : hints.Price,
                Reach = hints?.Reach,
            };
            return narrator.Narrate(records, requests, scenario.Name, scenario.Seed);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
