using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// A driver that resets its device mid-run (<c>reset: { at }</c>, virtio 1.2, 2.4): no request is lost unreported (each
/// one the driver put in the ring is completed or counted failed by the reset), the backend's grants are all released
/// (no unmap fails), and the device serves again afterwards, on KVM and on Xen.
/// </summary>
public sealed class ResetMidRunTests
{
    private static Dictionary<string, double> Counts(Sim.Worlds.Results.RunResults results) =>
        results.Metrics.Where(m => m.Key.EndsWith("/requests") || m.Key.EndsWith("/resets") || m.Key.EndsWith("Reset") || m.Key.EndsWith("Reads"))
            .ToDictionary(m => m.Key, m => m.Value.Get("count"));

    [Fact]
    public void The_shipped_scenario_counts_the_requests_the_reset_failed_and_the_device_serves_again()
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/transport/reset-mid-run.yaml"));
        var results = ScenarioRunner.Run(model);
        Assert.Empty(results.Findings);
        var metrics = Counts(results);
        var before = Counts(ScenarioRunner.Run(model with { Duration = SimTime.FromMilliseconds(5) }));
        foreach (string guest in new[] { "kvm", "xen" })
        {
            Assert.Equal(1, metrics[$"{guest}/blk0/driver/resets"]);
            Assert.Equal(1, metrics[$"{guest}/blk0/backend/resets"]);
            // Serving again: the second half completed about as many requests as the first.
            double after = metrics[$"{guest}/blk0/backend/requests"] - before[$"{guest}/blk0/backend/requests"];
            Assert.True(after > 0.8 * before[$"{guest}/blk0/backend/requests"], $"{guest}: {after} requests after the reset");
        }
        Assert.InRange(metrics["xen/blk0/driver/failedByReset"], 1, 16);
    }

    [Theory]
    [InlineData("kvm", "full", "pci")]
    [InlineData("kvm", "iommu", "pci")]
    [InlineData("xen", "grant-map", "mmio")]
    [InlineData("xen", "grant-persistent", "pci")]
    [InlineData("kvm", "window", "mmio")]
    public void Every_request_is_completed_or_failed_by_the_reset_and_no_mapping_is_left(string platform, string sharing, string transport)
    {
        string yaml = $$"""
            name: reset
            seed: 11
            duration: 6ms
            costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
            guests:
              - name: vm
                platform: {{platform}}
                devices:
                  - { name: blk0, type: blk, sharing: {{sharing}}, transport: {{transport}}, storage: device, reset: { at: 3ms },
                      workload: { requestSize: 4KiB, queueDepth: 8, readFraction: 0.5, span: 256KiB } }
            """;
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(yaml, "reset.yaml"));
        Assert.Empty(results.Findings);
        var metrics = Counts(results);
        // Every request the backend published was reclaimed by the driver, or is still on its way at the end (at most a
        // queue's depth); none was published into the re-initialised rings for the old ones.
        double published = metrics["vm/blk0/backend/requests"], reclaimed = metrics["vm/blk0/driver/requests"];
        Assert.InRange(published - reclaimed, 0, 8);
        Assert.InRange(metrics["vm/blk0/driver/failedByReset"], 0, 8);
        Assert.True(metrics["vm/blk0/driver/verifiedReads"] > 0);
    }
}
