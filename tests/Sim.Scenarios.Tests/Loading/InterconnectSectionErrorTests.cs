using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Bad interconnect sections get located errors naming what was expected; a good one loads every field.</summary>
public sealed class InterconnectSectionErrorTests
{
    private static string Scenario(string levels = "[ { bandwidth: 1GB/s, power: 100mW, transition: 20us }, { bandwidth: 2GB/s, power: 300mW, transition: 20us } ]",
        string vms = "[ { guest: vm1, display: { width: 640, height: 480, refresh: 60Hz } } ]", string variants = "[ icc ]") => $"""
        name: t
        seed: 1
        duration: 10ms
        guests:
          - name: vm1
            platform: kvm
            devices:
              - {"{"} name: blk0, type: blk, workload: {"{"} requestSize: 4KiB, queueDepth: 1 {"}"} {"}"}
        interconnect:
          bus:
            levels: {levels}
          vms: {vms}
          variants: {variants}
        """;

    [Fact]
    public void A_good_section_loads_levels_aggregator_defaults_vms_and_variants()
    {
        var model = ScenarioLoader.LoadText(Scenario(variants: "[ icc, { name: capped, policy: { caps: { vm1: 500MB/s }, of: max-of-levels }, voters: { vm1: greedy } } ]"), "s.yaml");
        var ic = model.Interconnect!;
        Assert.Equal(2e9, ic.Levels[1].BytesPerSecond);
        Assert.Equal(0.3, ic.Levels[1].Watts, 12);
        Assert.Equal("power-controller", ic.Aggregator.Location);
        Assert.Equal(Sim.Core.Time.SimTime.FromMicroseconds(20), ic.Aggregator.ForwardLatency);   // kvm-x86 scmi.link.powerController
        Assert.Equal(60_000u, ic.Vms[0].Display!.RefreshMillihertz);
        Assert.Equal(["icc", "capped"], ic.Variants.Select(v => v.Name));
        Assert.Equal("caps", ic.Variants[1].Policy.Kind);
        Assert.Equal(5e8, ic.Variants[1].Policy.Caps!["vm1"]);
        Assert.Equal("max-of-levels", ic.Variants[1].Policy.Inner!.Kind);
        Assert.Equal("greedy", ic.Variants[1].Voters["vm1"].Behaviour);
    }

    [Fact]
    public void An_unknown_policy_names_the_nearest() =>
        ScenarioAssert.RejectedAt(Scenario(variants: "[ icx ]"), 13, 15, "unknown policy 'icx'", "icc");

    [Fact]
    public void A_decorator_without_the_policy_it_wraps_is_refused() =>
        ScenarioAssert.RejectedAt(Scenario(variants: "[ { name: h, policy: { hysteresis: 10ms } } ]"), 13, 34, "'of'");

    [Fact]
    public void Caps_for_a_vm_that_is_not_in_the_interconnect_are_refused() =>
        ScenarioAssert.RejectedAt(Scenario(variants: "[ { name: c, policy: { caps: { vm9: 1GB/s }, of: icc } } ]"), 13, 44, "'vm9' is not a VM", "vm1");

    [Fact]
    public void A_vm_must_be_a_guest() =>
        ScenarioAssert.RejectedAt(Scenario(vms: "[ { guest: vm2 } ]"), 12, 19, "no guest named 'vm2'", "vm1");

    [Fact]
    public void Levels_must_rise() =>
        ScenarioAssert.RejectedAt(Scenario(levels: "[ { bandwidth: 2GB/s, power: 1W, transition: 0us }, { bandwidth: 2GB/s, power: 2W, transition: 0us } ]"),
            11, 78, "lowest first");

    [Fact]
    public void A_bandwidth_needs_its_unit() =>
        ScenarioAssert.RejectedAt(Scenario(levels: "[ { bandwidth: 1000, power: 1W, transition: 0us } ]"), 11, 28, "a bandwidth such as 800MB/s");

    [Fact]
    public void A_refresh_rate_needs_hertz() =>
        ScenarioAssert.RejectedAt(Scenario(vms: "[ { guest: vm1, display: { width: 640, height: 480, refresh: 60 } } ]"), 12, 69, "a refresh rate such as 60Hz");

    [Fact]
    public void An_interconnect_without_guests_is_refused()
    {
        const string yaml = """
            name: t
            seed: 1
            duration: 10ms
            interconnect:
              bus: { levels: [ { bandwidth: 1GB/s, power: 1W, transition: 0us } ] }
              vms: []
              variants: [ icc ]
            """;
        ScenarioAssert.RejectedAt(yaml, 5, 3, "add a guests section");
    }

    [Fact]
    public void A_guest_too_small_for_its_scmi_channel_after_its_devices_is_refused_at_the_vm()
    {
        var roomy = ScenarioLoader.LoadText(Scenario(), "s.yaml").Transport!.Guests[0];
        ulong devices = Sim.Hypervisors.Memory.Alignment.PageAlign(Sim.Scenarios.Planning.GuestAddressPlan.MemoryNeeded(roomy));
        string yaml = Scenario().Replace("platform: kvm", $"platform: kvm\n    memory: {devices / 1024}KiB", StringComparison.Ordinal);
        ScenarioAssert.RejectedAt(yaml, 13, 19, "virtio-scmi channel", "channel: direct");
        var direct = yaml.Replace("display: { width: 640, height: 480, refresh: 60Hz } }", "display: { width: 640, height: 480, refresh: 60Hz }, channel: direct }", StringComparison.Ordinal);
        Assert.Equal("direct", ScenarioLoader.LoadText(direct, "s.yaml").Interconnect!.Vms[0].Channel);
    }
}
