using System.Globalization;
using Sim.Worlds.Benchmarks;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim bench hostile [--steps N] [--seed S] [--json]</c>: the full malicious-driver run (a million steps per ring
/// variant by default) against split and packed devices, with and without EVENT_IDX and indirect descriptors, then the
/// lifecycle campaign (<see cref="HostileCampaigns"/>: register writes in every state, resets, queue resets, kicks)
/// against the virtio-blk backend on virtio-mmio and virtio-pci, the same number of steps each. Exit 0 when the device
/// never touched memory outside its rings, descriptor tables and validated buffers, nor outside a live, enabled queue's;
/// 1 otherwise.
/// </summary>
internal static class HostileCommand
{
    public static int Run(TextWriter output, long steps, ulong seed, bool json)
    {
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal) { ["benchmark"] = "hostile-driver", ["seed"] = seed };
        long breaches = 0;
        foreach (var report in HostileCampaigns.RingVariants(seed, steps))
        {
            string name = report.Name;
            breaches += report.BreachCount;
            var findings = report.ViolationsByRule.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
            tree[name] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["steps"] = report.Steps,
                ["pops"] = report.Pops,
                ["resets"] = report.Resets,
                ["breaches"] = report.BreachCount,
                ["driverFaults"] = report.DriverFaults,
                ["findings"] = findings,
                ["stepsPerSecond"] = Math.Round(report.Steps / report.Seconds),
            };
            if (!json)
            {
                output.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0,-24} {1:N0} steps, {2:N0} chains served, {3:N0} resets, {4} breaches, {5:N0} steps/s", name, report.Steps,
                    report.Pops, report.Resets, report.BreachCount, report.Steps / report.Seconds));
                foreach (var (rule, count) in report.ViolationsByRule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "    {0,-32} {1:N0}", rule, count));
                foreach (string breach in report.Breaches.Take(5)) output.WriteLine($"    BREACH {breach}");
            }
        }
        foreach (var report in HostileCampaigns.Lifecycle(seed, steps))
        {
            string name = report.Name;
            breaches += report.BreachCount + report.BadRequestEnds + (report.Completed ? 0 : 1);
            tree[name] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["steps"] = report.Steps,
                ["completed"] = report.Completed,
                ["served"] = report.Served,
                ["deviceResets"] = report.DeviceResets,
                ["kicksIgnored"] = report.KicksIgnored,
                ["accesses"] = report.Accesses,
                ["breaches"] = report.BreachCount,
                ["badRequestEnds"] = report.BadRequestEnds,
                ["findings"] = report.ViolationsByRule.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
                ["stepsPerSecond"] = Math.Round(report.Steps / report.Seconds),
            };
            if (json) continue;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-24} {1:N0} steps, {2:N0} requests served, {3:N0} resets of a serving device, {4:N0} kicks ignored, {5} breaches{6}, {7:N0} steps/s",
                name, report.Steps, report.Served, report.DeviceResets, report.KicksIgnored, report.BreachCount, report.Completed ? "" : " (did not finish)",
                report.Steps / report.Seconds));
            foreach (var (rule, count) in report.ViolationsByRule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "    {0,-32} {1:N0}", rule, count));
            foreach (string breach in report.Breaches.Take(5)) output.WriteLine($"    BREACH {breach}");
        }
        if (json) output.Write(CanonicalJsonWriter.Write(tree));
        return breaches == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
