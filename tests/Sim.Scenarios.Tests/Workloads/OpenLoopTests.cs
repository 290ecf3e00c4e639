using Sim.Core.Running;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Workloads;

/// <summary>
/// Open-loop arrivals against the closed loop on the same device (KVM, vhost-user, full mapping, 4 KiB, depth 8): an
/// open loop offered more than the device can serve keeps every slot busy, so it must serve what the closed loop
/// serves, and say that the load exceeds capacity; below capacity it serves what is offered; the driver batches
/// submissions as load rises (kicks per request do not grow with load).
/// </summary>
public sealed class OpenLoopTests
{
    private static string Scenario(string interarrival) => $$"""
        name: open-loop
        seed: 3
        duration: 20ms
        warmup: 2ms
        costs: kvm-x86
        guests:
          - name: vm
            platform: kvm
            memory: 64MiB
            devices:
              - name: blk0
                type: blk
                ring: split
                eventIdx: true
                queueSize: 64
                sharing: full
                backend: vhost-user
                kick: ioeventfd
                workload: { requestSize: 4KiB, queueDepth: 8, readFraction: 0.7, span: 4MiB, channels: 8{{interarrival}} }
        """;

    private static (RunResults Results, DeviceComparison Device) Run(string interarrival)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(interarrival), "open-loop.yaml"));
        return (results, Assert.Single(DeviceComparison.From(results)));
    }

    [Fact]
    public void An_open_loop_at_saturation_serves_what_the_closed_loop_serves_and_reports_the_overload()
    {
        var (closedResults, closed) = Run("");
        Assert.Empty(closedResults.Findings);
        // Offered: one request per 100 ns on average, far above what the device serves.
        var (openResults, open) = Run(", interarrival: { exponential: 100ns }");
        Assert.True(Math.Abs(open.Iops / closed.Iops - 1) < 0.02, $"open loop {open.Iops:F0} IOPS, closed loop {closed.Iops:F0}");
        var finding = Assert.Single(openResults.Findings);
        Assert.Equal("offered-load-exceeds-capacity", finding.Rule);
    }

    [Fact]
    public void Below_capacity_an_open_loop_serves_what_is_offered_and_kicks_no_more_per_request_as_load_rises()
    {
        var (_, closed) = Run("");
        double capacity = closed.Iops;
        var light = Run($", interarrival: {{ exponential: {1e6 / (0.3 * capacity):F3}us }}");
        var heavy = Run($", interarrival: {{ exponential: {1e6 / (0.9 * capacity):F3}us }}");
        foreach (var (results, device, load) in new[] { (light.Results, light.Device, 0.3), (heavy.Results, heavy.Device, 0.9) })
        {
            Assert.Empty(results.Findings);
            Assert.True(Math.Abs(device.Iops / (load * capacity) - 1) < 0.05, $"{load:P0} of capacity offered, {device.Iops:F0} IOPS served of {capacity:F0}");
        }
        Assert.True(heavy.Device.KicksPerRequest <= light.Device.KicksPerRequest,
            $"kicks per request {light.Device.KicksPerRequest:F3} at 30% load, {heavy.Device.KicksPerRequest:F3} at 90%");
    }
}
