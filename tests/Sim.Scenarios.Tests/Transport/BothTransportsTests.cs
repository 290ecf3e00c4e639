using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// The same blk and net drivers and devices run unchanged on virtio-pci and virtio-mmio, on KVM and on Xen: requests
/// complete with their data verified and no finding. What differs is the transport's own work: with virtio-pci and
/// MSI-X an interrupt names its queue and reads no register; virtio-mmio's handler reads InterruptStatus and writes
/// InterruptACK, two trapped accesses per interrupt (virtio 1.2, 4.1.5.4 and 4.2.3.4).
/// </summary>
public sealed class BothTransportsTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string device in new[] { "blk", "net" })
            foreach (string platform in new[] { "kvm", "xen" })
                foreach (string transport in new[] { "pci", "mmio" })
                    data.Add(device, platform, transport);
        return data;
    }

    private static string Scenario(string device, string platform, string transport)
    {
        string sharing = platform == "xen" ? "grant-map" : "full";
        string body = device == "blk"
            ? "type: blk, workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 0.5, span: 64KiB }"
            : "type: net, queueSize: 64, workload: { frameBytes: 300, outstanding: 4, interarrival: { exponential: 20us } }, " +
              "host: { stages: [nic, macvtap], sample: { period: 200us, frameBytes: 128 } }";
        return $$"""
            name: both-transports
            seed: 5
            duration: 10ms
            warmup: 1ms
            costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
            guests:
              - name: vm
                platform: {{platform}}
                devices:
                  - { name: dev0, sharing: {{sharing}}, transport: {{transport}}, {{body}} }
            """;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_driver_and_device_run_on_either_transport_and_platform(string device, string platform, string transport)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(device, platform, transport), "both-transports.yaml"));
        Assert.Empty(results.Findings);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        double Count(string path) => metrics[path].Get("count");
        Assert.True(Count("vm/dev0/driver/requests") > 50, $"{Count("vm/dev0/driver/requests")} requests");
        if (device == "blk") Assert.True(Count("vm/dev0/driver/verifiedReads") > 0, "reads of written sectors were verified");
        else Assert.Equal(Count("vm/dev0/driver/rxPackets"), Count("vm/dev0/driver/rxVerified"));

        // The interrupt handler's register accesses: none with MSI-X, InterruptStatus and InterruptACK with virtio-mmio.
        var costs = DeviceCosts.From(results).Single();
        string registerAccess = platform == "kvm" ? "kvm.exit.mmioUser" : "xen.ioreq.roundTrip";
        string kickEntry = platform == "xen" ? "xen.ioreq.roundTrip" : transport == "pci" ? "kvm.exit.fastMmio" : "kvm.exit.mmioIoeventfd";
        var line = DeviceComparison.From(results).Single();
        double kicks = line.KicksPerRequest, interrupts = line.InterruptsPerRequest;
        double trapped = costs.Line("driver", registerAccess)?.CountPerRequest ?? 0;
        double expected = (transport == "mmio" ? 2 * interrupts : 0) + (registerAccess == kickEntry ? kicks : 0);
        Assert.Equal(expected, trapped, 6);
        if (registerAccess != kickEntry) Assert.Equal(kicks, costs.Line("driver", kickEntry)!.CountPerRequest, 6);
    }
}
