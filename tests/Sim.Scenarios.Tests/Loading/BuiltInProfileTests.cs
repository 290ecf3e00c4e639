using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Hypervisors.Costs;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>
/// The built-in profiles (profiles/x86-server.yaml, which kvm-x86 and xen-x86 extend, and xen-arm64.yaml): complete, and
/// every entry declaring what it rests on. Nothing here asserts an ordering of costs: an ordering a test could check
/// from the profile alone would be one the costs were chosen to produce.
/// </summary>
public sealed class BuiltInProfileTests
{
    public static TheoryData<string> PlatformProfiles => new() { "kvm-x86", "xen-x86", "xen-arm64" };

    public static TheoryData<string> AllProfiles => new() { "x86-server", "kvm-x86", "xen-x86", "xen-arm64" };

    private static readonly string[] Bandwidths = ["cpu.memcpy", "cpu.memcpyStreaming", "storage.readBandwidth", "storage.writeBandwidth", "gpu.backend.transferBandwidth", "gpu.guest.drawBandwidth"];

    private static IEnumerable<string> RequiredNames =>
        RingCosts.Names
            .Concat(PlatformCosts.Common)
            .Concat(PlatformCosts.Kvm)
            .Concat(PlatformCosts.Xen)
            .Concat(PlatformCosts.Iommu)
            .Concat(PlatformCosts.Window)
            .Concat(PlatformCosts.Storage)
            .Concat(Sim.Devices.Blk.BlkCosts.StorageNames)
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
    public void Every_entry_rests_on_a_citation_a_formula_a_named_fit_or_a_ranged_estimate(string name)
    {
        foreach (var entry in Load(name).Entries)
        {
            var provenance = entry.Provenance;
            string text = provenance.Text.Trim();
            switch (provenance.Kind)
            {
                case ProvenanceKind.Source:
                    // A citation names a publication or measurement and its figure: more than a bare word.
                    Assert.True(text.Length >= 40, $"{name}: {entry.Name}: '{text}' is too short to name a measurement and its conditions");
                    Assert.Contains(text, char.IsDigit);
                    break;
                case ProvenanceKind.Derived:
                    Assert.NotNull(entry.Formula);
                    Assert.True(entry.Formula!.References.Count > 0, $"{name}: {entry.Name}: a derived entry names other entries");
                    Assert.False(string.IsNullOrWhiteSpace(provenance.Note), $"{name}: {entry.Name}: a derived entry says why its formula holds (note)");
                    break;
                case ProvenanceKind.Fitted:
                    // "experiment-name: what was fitted"; the experiment exists with role calibration (checked by the fidelity tests).
                    Assert.Matches(@"^[a-z0-9-]+(, [^:]+)?: .{10,}", text);
                    break;
                case ProvenanceKind.Estimate:
                    Assert.True(text.Length >= 30, $"{name}: {entry.Name}: the estimate needs its reasoning ({text})");
                    var range = provenance.Range;
                    Assert.True(range is not null, $"{name}: {entry.Name}: an estimate carries a range");
                    double value = entry.BytesPerSecond ?? entry.PerOperation.TotalSeconds;
                    Assert.InRange(value, range!.Low * (1 - 1e-9), range.High * (1 + 1e-9));
                    Assert.True(range.High > range.Low, $"{name}: {entry.Name}: a range wider than a point");
                    break;
            }
        }
    }

    [Fact]
    public void Xen_arm64_keeps_the_published_hypercall_figure()
    {
        // Dall et al., ISCA 2016: 376 cycles on Xen/Arm; at 2 GHz that is 188 ns.
        Assert.Equal(SimTime.Parse("188ns"), Load("xen-arm64").Time("xen.hypercall"));
        Assert.Equal("mmio", Load("xen-arm64").DefaultTransport);
    }

    [Fact]
    public void Kvm_x86_keeps_the_published_exit_figures_and_derives_the_pci_notify_from_the_pio_one()
    {
        var profile = Load("kvm-x86");
        // pci-testdev: 8,796 (MMIO to user space), 3,685 (MMIO ioeventfd, datamatch), 1,762 (PIO ioeventfd) cycles at 3 GHz.
        Assert.Equal(2_932_000L, profile.Time("kvm.exit.mmioUser").Picoseconds);
        Assert.Equal(1_228_333L, profile.Time("kvm.exit.mmioIoeventfd").Picoseconds);
        Assert.Equal(profile.Time("kvm.exit.pioIoeventfd"), profile.Time("kvm.exit.fastMmio"));
        Assert.Equal(ProvenanceKind.Derived, profile["kvm.exit.fastMmio"].Provenance.Kind);
    }

    [Fact]
    public void The_xen_ioreq_round_trip_is_composed_of_its_measured_and_estimated_parts_once_each()
    {
        var p = Load("xen-x86");
        Assert.Equal(p.Time("xen.exit.trap") + p.Time("xen.evtchn.guestToBackend") - p.Time("xen.hypercall"), p.Time("xen.ioreq.toBackend"));
        Assert.Equal(p.Time("xen.ioreq.toBackend") + p.Time("backend.wakeup") + p.Time("xen.ioreq.handle") + p.Time("xen.evtchn.backendToGuest"),
            p.Time("xen.ioreq.roundTrip"));
    }

    [Theory]
    [MemberData(nameof(PlatformProfiles))]
    public void No_profile_keeps_the_retired_entries(string name)
    {
        // Entries nothing reads would look like costs that matter: the old transport entries, the invented IOREQ figure's
        // separately charged parts, and the KVM-named eventfd write.
        var profile = Load(name);
        foreach (string retired in new[] { "notify.kick", "vcpu.kickExit", "vcpu.mmioExit", "notify.interrupt", "kvm.irqfd.signal", "xen.evtchn.deliver", "xen.evtchn.send", "xen.dmop.setIrq" })
            Assert.False(profile.Has(retired), $"{name} still has {retired}");
    }
}
