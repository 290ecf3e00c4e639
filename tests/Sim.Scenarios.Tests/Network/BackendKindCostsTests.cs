using Sim.Devices.Net;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Planning;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// A net backend's per-packet costs by where it runs (<see cref="NetCosts"/>): a vhost-user backend (DPDK rte_vhost)
/// reads <c>net.backend.vhostUser.*</c>, whose figures are per packet of a whole enqueue or dequeue call and so include
/// the virtqueue work (no <c>backend.popChain</c>/<c>backend.pushUsed</c> on top); any other backend reads vhost-net's
/// <c>net.backend.*</c> on top of the virtqueue entries. The kind's entries are required, not filled in from the
/// generic ones.
/// </summary>
public sealed class BackendKindCostsTests
{
    private static string Scenario(string backend) => $$"""
        name: backend-kind
        seed: 1
        duration: 3ms
        warmup: 1ms
        costs: kvm-x86
        guests:
          - name: vm
            platform: kvm
            memory: 64MiB
            devices:
              - { name: net0, type: net, queueSize: 256, eventIdx: true, backend: {{backend}}, inbound: { frameBytes: 60, rate: 500kpps } }
        """;

    private static IReadOnlyList<string> LedgerEntries(string backend)
    {
        var results = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(backend), "backend-kind.yaml"));
        var costs = results.Metrics.Single(m => m.Key == "vm/net0/backend/costs").Value;
        return costs.Values.Select(v => v.Key).Where(k => k.EndsWith(".count", StringComparison.Ordinal) && costs.Get(k) > 0)
            .Select(k => k[..^".count".Length]).ToList();
    }

    [Theory]
    [InlineData("vhost-user", "vhostUser")]
    [InlineData("vhost", null)]
    [InlineData("vmm", null)]
    [InlineData("other-vm", null)]
    [InlineData("dom0", null)]
    [InlineData("driver-domain", null)]
    [InlineData(null, null)]
    public void Only_a_vhost_user_backend_has_entries_of_its_own(string? backend, string? kind) =>
        Assert.Equal(kind, NetCosts.KindOf(backend));

    [Fact]
    public void A_vhost_user_backend_charges_its_enqueue_and_no_separate_ring_work()
    {
        var entries = LedgerEntries("vhost-user");
        Assert.Contains("net.backend.vhostUser.rxPacket", entries);
        Assert.DoesNotContain("net.backend.rxPacket", entries);
        Assert.DoesNotContain("backend.popChain", entries);
        Assert.DoesNotContain("backend.pushUsed", entries);
    }

    [Fact]
    public void A_vhost_net_backend_charges_the_generic_entries_on_top_of_the_ring_work()
    {
        var entries = LedgerEntries("vhost");
        Assert.Contains("net.backend.rxPacket", entries);
        Assert.Contains("backend.popChain", entries);
        Assert.Contains("backend.pushUsed", entries);
        Assert.DoesNotContain("net.backend.vhostUser.rxPacket", entries);
    }

    [Theory]
    [InlineData("vhost-user", "net.backend.vhostUser.rxPacket", "net.backend.rxPacket")]
    [InlineData("vhost", "net.backend.rxPacket", "net.backend.vhostUser.rxPacket")]
    public void A_device_needs_its_kinds_entries_and_not_the_others(string backend, string needed, string notNeeded)
    {
        var net = ScenarioLoader.LoadText(Scenario(backend), "backend-kind.yaml").Transport!.Guests.Single().Net.Single();
        var names = NetHostPaths.CostNames(net).ToList();
        Assert.Contains(needed, names);
        Assert.Contains(needed.Replace("rxPacket", "txPacket", StringComparison.Ordinal), names);
        Assert.DoesNotContain(notNeeded, names);
    }

    [Fact]
    public void An_unknown_kind_has_no_entries()
    {
        var error = Assert.Throws<ArgumentException>(() => NetCosts.NamesFor("vhostNet"));
        Assert.Contains("vhostUser", error.Message, StringComparison.Ordinal);
    }
}
