using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Running;

/// <summary>
/// One cost ledger: in every shipped scenario, every busy resource's time is named. No resource spends unattributed
/// time, and each ledger's busy total equals the resource's busy time (its utilization over the measured window; on the
/// host's cores, the time its thread ran), up to the two services that straddle the window's edges; on a polling thread,
/// which keeps its core the whole window, it fits in the window.
/// </summary>
public sealed class LedgerCoversEveryBusyResourceTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(RepositoryPaths.Root(), "scenarios");
        foreach (string file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryPaths.Root(), file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_busy_resource_has_its_time_named_in_its_ledger(string file)
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), file));
        model = model with { Duration = SimTime.FromMilliseconds(12), Warmup = SimTime.FromMilliseconds(2), MaxEvents = null };
        var results = ScenarioRunner.Run(model);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        double window = (results.Outcome.SimulatedTime - results.Warmup).TotalSeconds;
        int resources = 0;
        double switchCost = model.Host is null ? 0 : model.Transport!.Costs.CostOf("host.contextSwitch").PerOperation.TotalSeconds;
        foreach (var (path, summary) in results.Metrics)
        {
            if (summary.Kind != MetricKind.Ledger) continue;
            string actor = path[..^"/costs".Length];
            if (!metrics.ContainsKey($"{actor}/sojourn")) continue;   // a ledger of an actor that is no busy resource (a link, a host stage)
            resources++;
            string unattributed = CostKey.Unattributed.Name + ".busy";
            Assert.True(summary.Values.All(v => v.Key != unattributed || v.Value == 0),
                $"{file}: {actor} spent {summary.Values.FirstOrDefault(v => v.Key == unattributed).Value:G4} s that no charge named");
            double busy = summary.Get("busy");
            // On the host's cores a turn also waits for a core; the CPU time the thread got is what its work must fill.
            // With an interconnect each variant has its own host: variant/host/cpus/THREAD, the thread named without the variant.
            int slash = actor.IndexOf('/', StringComparison.Ordinal);
            string onCores = metrics.ContainsKey($"host/cpus/{actor}/running") || slash < 0
                ? $"host/cpus/{actor}/running"
                : $"{actor[..slash]}/host/cpus/{actor[(slash + 1)..]}/running";
            double longestService = metrics[$"{actor}/sojourn"].Get("max");
            if (metrics.TryGetValue(onCores, out var running) && running.Get("min") >= 1)
            {
                // A polling thread (a PMD that is also the vhost-user backend) never leaves its core: its running time is
                // the window, shared with the stages on it, so the actor's work can only be checked to fit in it.
                Assert.True(busy <= window + 2 * longestService + 1e-12, $"{file}: {actor}: ledger busy {busy:G6} s beyond the window {window:G6} s");
                continue;
            }
            double utilized = metrics[metrics.ContainsKey(onCores) ? onCores : $"{actor}/utilization"].Get("mean") * window;
            // A thread that shares its core with others is switched in for each piece of its work: the switch
            // (host.contextSwitch) is the scheduler's time on the thread's core, in the cores' ledger, not the thread's.
            double switches = metrics.TryGetValue(onCores[..^"running".Length] + "coreWait", out var pieces) ? pieces.Get("count") * switchCost : 0;
            Assert.True(busy <= utilized + 2 * longestService + 1e-12 && utilized - busy <= switches + 2 * longestService + 1e-12,
                $"{file}: {actor}: ledger busy {busy:G6} s, busy time {utilized:G6} s, longest service at most {longestService:G4} s");
        }
        Assert.True(resources > 0, $"{file}: no busy resource kept a ledger");
    }
}
