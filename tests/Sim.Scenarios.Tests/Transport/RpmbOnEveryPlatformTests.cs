using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// The same virtio-rpmb driver and device (virtio 1.2, 5.12) run unchanged on virtio-pci and virtio-mmio, on KVM and on
/// Xen, under each sharing mechanism: the key is programmed, every authenticated write and read completes with result
/// OK, every response authenticates, and reads of blocks the driver wrote return that data; and a device too small for
/// the guest's operations is refused at probe with a finding.
/// </summary>
public sealed class RpmbOnEveryPlatformTests
{
    private static string Scenario(string platform, string sharing, string transport, string device = "capacity: 1") => $$"""
        name: rpmb-everywhere
        seed: 4
        duration: 2s
        costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
        guests:
          - name: vm
            platform: {{platform}}
            devices:
              - { name: rpmb0, type: rpmb, eventIdx: true, {{device}}, sharing: {{sharing}}, transport: {{transport}}, workload: { interarrival: { exponential: 10ms }, writeFraction: 0.5, blocks: 2 } }
        """;

    [Theory]
    [MemberData(nameof(EveryPlatformCases.All), MemberType = typeof(EveryPlatformCases))]
    public void Authenticated_writes_and_reads_complete_and_verify_on_every_platform_transport_and_mechanism(string platform, string sharing, string transport)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(platform, sharing, transport), "rpmb.yaml"));
        Assert.Empty(results.Findings);
        var metrics = results.Metrics.ToDictionary(m => m.Key, m => m.Value);
        double Count(string name) => metrics["vm/rpmb0/" + name].Get("count");
        Assert.True(Count("driver/writes") > 30, $"{Count("driver/writes")} writes");
        Assert.True(Count("driver/reads") > 30, $"{Count("driver/reads")} reads");
        Assert.Equal(0, Count("driver/resultFailures"));
        Assert.Equal(0, Count("backend/malformed"));
        // Every read after the first write targets a written block: all but the few before it verify.
        Assert.InRange(Count("driver/reads") - Count("driver/readsVerified"), 0, 5);
        // program key, get counter, then one request per operation; the last may still be at the medium when the run ends
        Assert.InRange(Count("backend/requests") - (Count("driver/writes") + Count("driver/reads") + 2), 0, 1);
    }

    [Fact]
    public void A_device_too_small_for_the_guest_s_operations_is_refused_at_probe()
    {
        var model = ScenarioLoader.LoadText(Scenario("kvm", "full", "pci", "capacity: 1, maxWriteBlocks: 0, maxReadBlocks: 0"), "rpmb.yaml");
        var tooLarge = model with
        {
            Transport = model.Transport! with
            {
                Guests = [model.Transport.Guests[0] with { RpmbDevices = [model.Transport.Guests[0].Rpmb[0] with { Workload = model.Transport.Guests[0].Rpmb[0].Workload with { Blocks = 600 } }] }],
            },
        };
        var results = ScenarioRunner.Run(tooLarge);
        Assert.Equal("rpmb-workload-too-large", Assert.Single(results.Findings).Rule);
    }
}
