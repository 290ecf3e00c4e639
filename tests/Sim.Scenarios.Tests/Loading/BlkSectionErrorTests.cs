using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Bad blk devices, platforms and grids get located errors naming what was expected.</summary>
public sealed class BlkSectionErrorTests
{
    private static string Scenario(string platform, string device, string grid = "", string costs = "xen-x86") => $"""
        name: t
        seed: 1
        duration: 1ms
        costs: {costs}
        guests:
          - name: g
            platform: {platform}
            devices:
              - {device}
        {grid}
        """;

    private const string Workload = "workload: { requestSize: 4KiB, queueDepth: 2 }";

    private static ScenarioException Fails(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "s.yaml"));

    [Fact]
    public void Grants_on_kvm_are_refused_at_the_sharing_key()
    {
        var e = Fails(Scenario("kvm", $"{{ name: b, type: blk, sharing: grant-copy, {Workload} }}"));
        Assert.Equal(9, e.Line);
        Assert.Contains("needs Xen grant tables", e.Message);
    }

    [Fact]
    public void A_full_mapping_from_a_xen_driver_domain_is_refused()
    {
        var e = Fails(Scenario("xen", $"{{ name: b, type: blk, sharing: full, backend: driver-domain, {Workload} }}"));
        Assert.Contains("only dom0", e.Message);
    }

    [Fact]
    public void An_unknown_mechanism_gets_a_suggestion()
    {
        var e = Fails(Scenario("xen", $"{{ name: b, type: blk, sharing: grant-mpa, {Workload} }}"));
        Assert.Contains("did you mean 'grant-map'", e.Message);
        Assert.Equal(9, e.Line);
    }

    [Fact]
    public void A_kvm_backend_in_another_vm_needs_a_window()
    {
        var e = Fails(Scenario("kvm", $"{{ name: b, type: blk, sharing: full, backend: other-vm, {Workload} }}"));
        Assert.Contains("shared window", e.Message);
    }

    [Fact]
    public void A_grid_key_that_cannot_vary_is_named_with_a_suggestion()
    {
        var e = Fails(Scenario("xen", $"{{ name: b, type: blk, {Workload} }}", "    grid: { sharng: [grant-map] }"));
        Assert.Contains("did you mean 'sharing'", e.Message);
        Assert.Equal(10, e.Line);
    }

    [Fact]
    public void A_profile_without_the_platform_costs_is_a_located_error_before_the_run()
    {
        // A KVM-only profile: the ring and common costs, but no Xen entries.
        string directory = Directory.CreateTempSubdirectory("virtiosim-profile-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "kvm-only.yaml"), """
                name: kvm-only
                description: ring and KVM costs only
                costs:
                  vcpu.addChain: { value: 150ns, source: test }
                  vcpu.reclaimChain: { value: 80ns, source: test }
                  backend.popChain: { value: 200ns, source: test }
                  backend.pushUsed: { value: 60ns, source: test }
                  cpu.memcpy: { value: 97GB/s, source: test }
                  vcpu.interruptEntry: { value: 600ns, source: test }
                  backend.wakeup: { value: 1us, source: test }
                """);
            string scenario = Path.Combine(directory, "s.yaml");
            File.WriteAllText(scenario, Scenario("xen", $"{{ name: b, type: blk, {Workload} }}", costs: "kvm-only.yaml"));
            var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(scenario));
            Assert.Equal(4, e.Line);
            Assert.Contains("xen.grant.map", e.Message);
            Assert.Contains("storage.readAccess", e.Message);
            Assert.DoesNotContain("vcpu.addChain", e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_grid_expands_into_one_guest_per_combination()
    {
        var model = ScenarioLoader.LoadText(Scenario("xen", $"{{ name: b, type: blk, {Workload} }}",
            "    grid: { sharing: [grant-map, grant-copy], backendVcpus: [1, 8] }"), "s.yaml");
        Assert.Equal(["g-grant-map-1vcpu", "g-grant-map-8vcpu", "g-grant-copy-1vcpu", "g-grant-copy-8vcpu"], model.Transport!.Guests.Select(g => g.Name));
        Assert.Equal(8, model.Transport.Guests[1].Blk[0].Sharing.BackendVcpus);
        Assert.Equal("grant-copy", model.Transport.Guests[3].Blk[0].Sharing.Mechanism);
    }
}
