using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>
/// A machine profile that extends a built-in one at another <c>cpuFrequency</c> (<see cref="CostProfile.AtFrequency"/>):
/// the parent's cycle counts are read at the new clock (their ranges scaled alike), times and bandwidths stay, derived
/// entries follow the re-read values, and the same clock changes nothing. The profile is a file next to a scenario that
/// names it, as a user writes one.
/// </summary>
public sealed class CostProfileFrequencyTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-clock-");
    private static readonly CostProfile Kvm = CostProfileLoader.LoadBuiltIn("kvm-x86")!;

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The profile a scenario gets from <c>machine.yaml</c>, a profile extending kvm-x86 with <paramref name="header"/> and <paramref name="costs"/>.</summary>
    private CostProfile Extending(string header, string costs = "costs: {}")
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "machine.yaml"), $"""
            name: machine
            description: kvm-x86 on another core
            extends: kvm-x86
            {header}
            {costs}
            """);
        string scenario = Path.Combine(_folder.FullName, "s.yaml");
        File.WriteAllText(scenario, """
            name: s
            seed: 1
            duration: 1ms
            costs: machine.yaml
            guests:
              - name: vm
                devices:
                  - { name: e, type: echo, workload: { requestBytes: 64, responseBytes: 64, outstanding: 1 } }
            """);
        return ScenarioLoader.LoadFile(scenario).Transport!.Costs;
    }

    [Fact]
    public void At_half_the_clock_a_cycle_count_of_the_parent_takes_twice_the_time()
    {
        var slow = Extending("cpuFrequency: 1.5GHz");
        Assert.Equal(1.5e9, slow.CpuHertz);
        Assert.Equal(1762, slow["kvm.exit.pioIoeventfd"].Cycles);
        // 1,762 cycles: 587.333 ns at 3 GHz, 1,174.667 ns at 1.5 GHz.
        Assert.Equal(587_333L, Kvm.Time("kvm.exit.pioIoeventfd").Picoseconds);
        Assert.Equal(1_174_667L, slow.Time("kvm.exit.pioIoeventfd").Picoseconds);
    }

    [Fact]
    public void A_derived_entry_follows_the_cycle_count_it_names_at_the_new_clock()
    {
        var slow = Extending("cpuFrequency: 1.5GHz");
        Assert.Equal(ProvenanceKind.Derived, slow["kvm.exit.fastMmio"].Provenance.Kind);
        Assert.Equal(slow.Time("kvm.exit.pioIoeventfd"), slow.Time("kvm.exit.fastMmio"));
        Assert.Equal(1_174_667L, slow.Time("kvm.exit.fastMmio").Picoseconds);
    }

    [Fact]
    public void Times_bandwidths_and_their_ranges_do_not_depend_on_the_clock()
    {
        var slow = Extending("cpuFrequency: 1.5GHz");
        Assert.Null(slow["backend.wakeup"].Cycles);
        Assert.Equal(SimTime.FromMicroseconds(1), slow.Time("backend.wakeup"));
        Assert.Equal(Kvm["backend.wakeup"].Provenance.Range, slow["backend.wakeup"].Provenance.Range);
        Assert.Equal(97e9, slow["cpu.memcpy"].BytesPerSecond);
        Assert.Equal(Kvm["cpu.memcpy"].Provenance.Range, slow["cpu.memcpy"].Provenance.Range);
    }

    [Fact]
    public void An_estimate_given_in_cycles_keeps_its_range_in_cycles()
    {
        // vcpu.interruptEntry: 2000 cycles, range [1000 cycles, 5000 cycles], log-uniform.
        var slow = Extending("cpuFrequency: 1.5GHz");
        // The parent's ends were read to the picosecond at 3 GHz (333.333 ns, 1,666.667 ns), so the scaled ones are within 2 ps.
        var range = slow["vcpu.interruptEntry"].Provenance.Range!;
        Assert.Equal(1000 / 1.5e9, range.Low, tolerance: 2e-12);
        Assert.Equal(5000 / 1.5e9, range.High, tolerance: 2e-12);
        Assert.Equal(RangeDistribution.LogUniform, range.Distribution);
        Assert.InRange(slow.Time("vcpu.interruptEntry").TotalSeconds, range.Low, range.High);
    }

    [Fact]
    public void Extending_at_the_parents_own_clock_changes_no_entry()
    {
        foreach (var same in new[] { Extending("cpuFrequency: 3GHz"), Extending("cpuFrequency: 3000MHz"), Extending("") })
        {
            Assert.Equal(3e9, same.CpuHertz);
            Assert.Equal(Kvm.Entries.Select(e => e.Name), same.Entries.Select(e => e.Name));
            foreach (var entry in Kvm.Entries)
            {
                var ours = same[entry.Name];
                Assert.True(entry.PerOperation == ours.PerOperation && entry.BytesPerSecond == ours.BytesPerSecond && entry.Provenance == ours.Provenance,
                    $"{entry.Name}: {entry.PerOperation} {entry.BytesPerSecond} {entry.Provenance.Range} became {ours.PerOperation} {ours.BytesPerSecond} {ours.Provenance.Range}");
            }
        }
    }

    [Fact]
    public void The_childs_own_cycle_entries_are_read_at_its_clock_and_its_derived_entries_follow_them()
    {
        var slow = Extending("cpuFrequency: 1.5GHz", """
            costs:
              kvm.exit.pioIoeventfd: { value: 3000 cycles, source: "measured on this machine" }
            """);
        Assert.Equal(SimTime.FromMicroseconds(2), slow.Time("kvm.exit.pioIoeventfd"));
        Assert.Equal(SimTime.FromMicroseconds(2), slow.Time("kvm.exit.fastMmio"));
    }

    [Fact]
    public void At_any_clock_every_cycle_count_keeps_its_cycles_and_every_other_given_value_its_own()
    {
        var cycles = Kvm.Entries.Where(e => e.Cycles is not null).ToList();
        var given = Kvm.Entries.Where(e => e.Cycles is null && e.Formula is null).ToList();
        Assert.NotEmpty(cycles);
        var clocks = Gen.Choose(200, 6000).Select(mhz => mhz * 1e6).ToArbitrary();
        Check.One(PropertyRuns.Config(100), Prop.ForAll(clocks, hertz =>
        {
            string? failure = Moved(Kvm.AtFrequency(hertz), hertz, cycles, given);
            return (failure is null).Label(failure ?? "");
        }));
    }

    /// <summary>What <paramref name="moved"/> (kvm-x86 at <paramref name="hertz"/>) got wrong, or null.</summary>
    private static string? Moved(CostProfile moved, double hertz, IReadOnlyList<CostEntry> cycles, IReadOnlyList<CostEntry> given)
    {
        double parentHertz = Kvm.CpuHertz!.Value;
        foreach (var entry in cycles)
        {
            var ours = moved[entry.Name];
            if (Math.Abs(ours.PerOperation.TotalSeconds - entry.Cycles!.Value / hertz) > 1e-12) return $"{entry.Name}: {ours.PerOperation} at {hertz} Hz";
            if (entry.Provenance.Range is { } range && ours.Provenance.Range is { } scaled
                && (Math.Abs(scaled.Low * hertz - range.Low * parentHertz) > 1e-9 * range.Low * parentHertz
                    || Math.Abs(scaled.High * hertz - range.High * parentHertz) > 1e-9 * range.High * parentHertz))
                return $"{entry.Name}: range {scaled} at {hertz} Hz, {range} at {parentHertz} Hz";
        }
        foreach (var entry in given)
        {
            var ours = moved[entry.Name];
            if (ours.PerOperation != entry.PerOperation || ours.BytesPerSecond != entry.BytesPerSecond || ours.Provenance != entry.Provenance)
                return $"{entry.Name} moved at {hertz} Hz";
        }
        return moved.Time("kvm.exit.fastMmio") == moved.Time("kvm.exit.pioIoeventfd") ? null : $"kvm.exit.fastMmio did not follow at {hertz} Hz";
    }
}
