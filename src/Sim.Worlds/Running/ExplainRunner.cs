using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Tracing.Explaining;
using Sim.Tracing.Recording;

namespace Sim.Worlds.Running;

/// <summary>
/// Runs a scenario briefly with a trace and a probe of one device's platform counters and cost ledgers, and tells that
/// device's first requests step by step (<see cref="TransactionNarrator"/>): what <c>sim explain</c> prints and draws.
/// The probe looks before each event and after the last, so every step can show what the platform counted and what the
/// ledgers charged during its event (<see cref="LedgerPrices"/>).
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
        LedgerPrices? prices = null;
        bool probed = false;
        long[] Snapshot() => [.. counters!.Snapshot(), exposure?.PagesNow ?? 0, exposure?.StalePagesNow ?? 0];
        string? chosen = device;
        bool eventIdx = false;
        using (var recorder = new TraceRecorder(path, scenario.Name, scenario.Seed))
        {
            recorder.BeforeEvent = k =>
            {
                if (!probed && recorder.Simulation is { } simulation)
                {
                    probed = true;
                    var drivers = simulation.Actors.OfType<VirtioDriver>().Select(d => d.Id.Path[..^"/driver".Length]).ToList();
                    chosen ??= drivers.FirstOrDefault() ?? throw new ArgumentException("the scenario has no virtio device to explain");
                    if (!drivers.Contains(chosen))
                        throw new ArgumentException($"--device {chosen}: no such device in the scenario; expected one of: {string.Join(", ", drivers)}");
                    counters = simulation.Metrics.Find($"{chosen}/platform") as PlatformCounters;
                    exposure = simulation.Metrics.Find($"{chosen}/exposure") as ExposureMetric;
                    prices = new LedgerPrices(scenario.Transport?.Costs,
                        simulation.Metrics.Find($"{chosen}/driver/costs") as CostLedger,
                        simulation.Metrics.Find($"{chosen}/backend/costs") as CostLedger);
                }
                if (k == 0) return;
                if (counters is not null) snapshots[k - 1] = Snapshot();
                prices?.After(k - 1);
            };
            ScenarioRunner.Run(model, trace: recorder);
            if (counters is not null) snapshots[recorder.Events - 1] = Snapshot();
            prices?.After(recorder.Events - 1);
            if (recorder.Simulation?.Actors.OfType<VirtioDriver>().FirstOrDefault(d => d.Id.Path == chosen + "/driver") is { } driver)
                eventIdx = VirtioFeatures.Has(driver.NegotiatedFeatures, VirtioFeatures.EventIdx);
            recorder.Complete();
        }
        try
        {
            var (header, records) = TraceReader.ReadFile(path);
            var narrator = new TransactionNarrator(header, chosen!, eventIdx, [.. PlatformCounters.SnapshotNames, "exposedPages", "stalePages"],
                k => snapshots.GetValueOrDefault(k))
            {
                Prices = prices is null ? null : prices.Of,
                Reach = BufferReach.For(scenario.Transport, chosen!),
            };
            return narrator.Narrate(records, requests, scenario.Name, scenario.Seed);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
