using Sim.Core.Time;
using Sim.Devices.Transport;
using Sim.Hypervisors.Costs;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>
/// The built-in platform profiles (profiles/kvm-x86.yaml, xen-x86.yaml, xen-arm64.yaml): complete, cited, and calibrated
/// so that the published ordering of Xen's sharing mechanisms holds for 4 KiB requests.
/// </summary>
public sealed class BuiltInProfileTests
{
    private const long RequestBytes = 4096;

    public static TheoryData<string> PlatformProfiles => new() { "kvm-x86", "xen-x86", "xen-arm64" };

    public static TheoryData<string> AllProfiles => new() { "kvm-x86", "xen-x86", "xen-arm64" };

    public static TheoryData<string, int> XenProfilesByBackendVcpus => new()
    {
        { "xen-x86", 1 }, { "xen-x86", 4 }, { "xen-x86", 8 },
        { "xen-arm64", 1 }, { "xen-arm64", 4 }, { "xen-arm64", 8 },
    };

    private static readonly string[] Bandwidths = ["cpu.memcpy", "storage.readBandwidth", "storage.writeBandwidth"];

    private static IEnumerable<string> RequiredNames =>
        RingCosts.Names
            .Concat(PlatformCosts.Common)
            .Concat(PlatformCosts.Kvm)
            .Concat(PlatformCosts.Xen)
            .Concat(PlatformCosts.Iommu)
            .Concat(PlatformCosts.Window)
            .Concat(PlatformCosts.Storage)
            .Distinct(StringComparer.Ordinal);

    private static CostProfile Load(string name)
    {
        var profile = CostProfileLoader.LoadBuiltIn(name);
        Assert.True(profile is not null, $"built-in profile '{name}' is missing (profiles/{name}.yaml not embedded?)");
        return profile!;
    }

    [Theory]
    [MemberData(nameof(PlatformProfiles))]
    public void Platform_profiles_are_built_in_and_carry_every_entry(string name)
    {
        Assert.Contains(name, CostProfileLoader.BuiltInNames);
        var profile = Load(name);
        Assert.Equal(name, profile.Name);
        Assert.False(string.IsNullOrWhiteSpace(profile.Description));
        Assert.Contains("RAM-backed", profile.Description, StringComparison.Ordinal);
        var missing = RequiredNames.Where(n => !profile.Has(n)).ToList();
        Assert.True(missing.Count == 0, $"profile '{name}' lacks: {string.Join(", ", missing)}");
        // The ring and platform records resolve without throwing.
        RingCosts.From(profile);
        var platform = new PlatformCosts(profile);
        foreach (var entry in PlatformCosts.Kvm.Concat(PlatformCosts.Xen).Concat(PlatformCosts.Iommu).Concat(PlatformCosts.Window))
            Assert.True(platform.Time(entry) > SimTime.Zero, $"{name}: {entry} must be a positive time");
    }

    [Theory]
    [MemberData(nameof(PlatformProfiles))]
    public void Bandwidth_entries_are_bandwidths_and_the_rest_are_times(string name)
    {
        var profile = Load(name);
        foreach (var entry in profile.Entries)
        {
            if (Bandwidths.Contains(entry.Name))
            {
                Assert.True(entry.BytesPerSecond is > 0, $"{name}: {entry.Name} must be a bandwidth");
            }
            else
            {
                Assert.True(entry.BytesPerSecond is null, $"{name}: {entry.Name} must be a time, not a bandwidth");
                Assert.True(entry.PerOperation > SimTime.Zero, $"{name}: {entry.Name} must be a positive time");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Every_source_is_a_citation_or_a_reasoned_estimate(string name)
    {
        foreach (var entry in Load(name).Entries)
        {
            string source = entry.Source.Trim();
            Assert.False(string.IsNullOrWhiteSpace(source), $"{name}: {entry.Name} has no source");
            if (source.StartsWith("estimate", StringComparison.OrdinalIgnoreCase))
            {
                // An estimate is spelled "estimate: why", and the why is a real reason, not a word.
                Assert.True(source.StartsWith("estimate:", StringComparison.Ordinal), $"{name}: {entry.Name}: write 'estimate: <reason>' ({source})");
                string reason = source["estimate:".Length..].Trim();
                Assert.True(reason.Length >= 20, $"{name}: {entry.Name}: the estimate needs a reason of at least 20 characters ({source})");
            }
            else
            {
                // A citation names a publication or measurement: more than a bare word.
                Assert.True(source.Length >= 20, $"{name}: {entry.Name}: '{source}' is too short to name a publication or measurement");
                Assert.Contains(source, c => char.IsLetter(c));
            }
        }
    }

    [Theory]
    [MemberData(nameof(XenProfilesByBackendVcpus))]
    public void Per_request_grant_costs_order_persistent_below_copy_below_map_unmap(string name, int backendVcpus)
    {
        var profile = Load(name);
        SimTime persistent = Persistent(profile);
        SimTime copy = GrantCopy(profile);
        SimTime mapUnmap = MapUnmap(profile, backendVcpus);
        Assert.True(persistent < copy, $"{name}: persistent {persistent} must be cheaper than grant copy {copy}");
        Assert.True(copy < mapUnmap, $"{name}, {backendVcpus} backend vCPUs: grant copy {copy} must be cheaper than map/unmap {mapUnmap}");
    }

    [Theory]
    [InlineData("xen-x86")]
    [InlineData("xen-arm64")]
    public void Map_unmap_grows_clearly_with_backend_vcpus(string name)
    {
        var profile = Load(name);
        SimTime one = MapUnmap(profile, 1), four = MapUnmap(profile, 4), eight = MapUnmap(profile, 8);
        Assert.True(four.Picoseconds * 2 >= one.Picoseconds * 3, $"{name}: 4 vCPUs {four} should be at least 1.5x 1 vCPU {one}");
        Assert.True(eight.Picoseconds >= one.Picoseconds * 2, $"{name}: 8 vCPUs {eight} should be at least 2x 1 vCPU {one}");
        Assert.True(eight > four, $"{name}: 8 vCPUs {eight} should cost more than 4 vCPUs {four}");
    }

    [Fact]
    public void Xen_arm64_hypercalls_are_cheap_against_kvm_arm_exits()
    {
        var profile = Load("xen-arm64");
        // Dall et al., ISCA 2016: 376 cycles on Xen/Arm; at 2 GHz that is 188 ns.
        Assert.Equal(SimTime.Parse("188ns"), profile.Time("xen.hypercall"));
        // Hundreds of cycles against thousands: an order of magnitude at least.
        Assert.True(profile.Time("xen.hypercall") * 10 <= profile.Time("kvm.exit.mmioIoeventfd"));
        Assert.True(profile.Time("xen.hypercall") * 10 <= profile.Time("kvm.irqfd.inject"));
    }

    [Fact]
    public void Kvm_x86_keeps_the_published_exit_figures()
    {
        var profile = Load("kvm-x86");
        // 8,796 / 3,609 / 1,762 cycles at 3 GHz.
        Assert.Equal(SimTime.Parse("2932ns"), profile.Time("kvm.exit.mmioUser"));
        Assert.Equal(SimTime.Parse("1203ns"), profile.Time("kvm.exit.mmioIoeventfd"));
        Assert.True(profile.Time("kvm.exit.fastMmio") < profile.Time("kvm.exit.mmioIoeventfd"));
        Assert.True(profile.Time("kvm.exit.mmioIoeventfd") < profile.Time("kvm.exit.mmioUser"));
    }

    [Theory]
    [MemberData(nameof(PlatformProfiles))]
    public void No_profile_keeps_the_retired_transport_entries(string name)
    {
        // Kicks, exits and interrupts are the platform's now (kvm.exit.*, xen.ioreq.*, irqfd, event channels); an entry
        // nothing reads would look like a cost that matters.
        var profile = Load(name);
        foreach (string retired in new[] { "notify.kick", "vcpu.kickExit", "vcpu.mmioExit", "notify.interrupt" })
            Assert.False(profile.Has(retired), $"{name} still has {retired}");
    }

    /// <summary>Persistent grants: the guest copies the 4 KiB into a pool page; nothing per request on the backend.</summary>
    private static SimTime Persistent(CostProfile p) => p.ForBytes("cpu.memcpy", RequestBytes);

    /// <summary>Grant copy: one GNTTABOP_copy segment (fixed part) plus the 4 KiB at memcpy speed.</summary>
    private static SimTime GrantCopy(CostProfile p) => p.Time("xen.grant.copy") + p.ForBytes("cpu.memcpy", RequestBytes);

    /// <summary>Map/unmap per request: map, unmap, the local flush and one flush IPI per other backend vCPU.</summary>
    private static SimTime MapUnmap(CostProfile p, int backendVcpus) =>
        p.Time("xen.grant.map") + p.Time("xen.grant.unmap") + p.Time("xen.tlbFlush.local")
        + p.Time("xen.tlbFlush.ipi") * (backendVcpus - 1);
}
