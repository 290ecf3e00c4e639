using System.Reflection;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Xunit.Abstractions;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// The simulator against Linux: <c>linux_virtio_golden.c</c>, compiled with gcc against /usr/include/linux/virtio_*.h,
/// prints struct layouts, flags, feature bits, status bits, MMIO offsets, device ids, <c>vring_size</c>,
/// <c>vring_init</c> offsets and a <c>vring_need_event</c> truth table; every printed line must equal its
/// <see cref="SimulatorCounterparts"/> value. One test per family, so a failure says where to look, and one test that
/// no line goes uncompared.
/// </summary>
public sealed class LinuxHeaderGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_line_Linux_prints_has_a_simulator_counterpart_and_equals_it()
    {
        var lines = LinuxHeaderGolden.Lines;

        AssertAllMatch(lines);
        Assert.True(lines.Count > 4300, $"only {lines.Count} golden lines: the C program's output looks truncated");
    }

    [Fact]
    public void Split_and_packed_struct_layouts_match_linux() => AssertFamily("layout", expectedLines: 43);

    [Fact]
    public void Descriptor_ring_and_event_flags_match_linux() => AssertFamily("flag", expectedLines: 11);

    [Fact]
    public void Feature_bits_match_linux() => AssertFamily("feature", atLeast: 9);

    [Fact]
    public void Legacy_vring_size_matches_linux_for_every_size_and_alignment() => AssertFamily("vring_size", expectedLines: 33);

    [Fact]
    public void Ring_offsets_match_where_linux_vring_init_puts_them() => AssertFamily("vring_init", expectedLines: 4 * 33);

    [Fact]
    public void Need_event_matches_linux_vring_need_event_over_the_whole_truth_table()
    {
        var table = LinuxHeaderGolden.Family("need_event");
        AssertFamily("need_event", atLeast: 4096 + 25);

        // The table must exercise both answers, not just one.
        Assert.InRange(table.Count(l => l.Value == 1), 500, table.Count - 500);
        // The reference truth-table checks (shared/reference/virtio.md): (5, 6, 5) true; (5, 10, 6) false; (5, 5, 4) false; (65535, 1, 65534) true.
        Assert.Equal(1UL, table.First(l => l.Key == "need_event.5.6.5").Value);
        Assert.Equal(0UL, table.First(l => l.Key == "need_event.5.10.6").Value);
        Assert.Equal(0UL, table.First(l => l.Key == "need_event.5.5.4").Value);
        Assert.Equal(1UL, table.First(l => l.Key == "need_event.65535.1.65534").Value);
    }

    [Fact]
    public void Device_status_bits_match_linux() => AssertFamily("status", atLeast: 6);

    [Fact]
    public void Mmio_register_offsets_and_interrupt_bits_match_linux() => AssertFamily("mmio", atLeast: 31);

    /// <summary>
    /// The simulator has no device-id constants yet: Linux's VIRTIO_ID_* are compared with the spec's literals
    /// (virtio 1.2, 5 "Device Types"; <see cref="SimulatorCounterparts.NoSimulatorConstant"/>). Point the table in
    /// <see cref="SimulatorCounterparts"/> at the C# constants once they exist.
    /// </summary>
    [Fact]
    public void Device_ids_match_the_spec_table_until_the_simulator_has_device_id_constants() => AssertFamily("device_id", atLeast: 11);

    /// <summary>
    /// The other direction: every feature, MMIO register, interrupt bit and status bit the simulator defines is mapped
    /// to a Linux name. A constant Linux's header does not define (newer than the installed linux-libc-dev) is only
    /// allowed from a known list, and is reported in the test output as not compared.
    /// </summary>
    [Fact]
    public void Every_simulator_transport_constant_is_mapped_to_a_linux_name()
    {
        string[] newerThanSomeHeaders =
        [
            "bit of VirtioFeatures.NotificationData", "bit of VirtioFeatures.NotifConfigData",
            "MmioRegister.QueueReset", "DeviceStatus.Suspend",
        ];
        string[] notInAnyHeader = ["MmioRegister.MmioMagic", "MmioRegister.CurrentVersion", "MmioRegister.LegacyVersion"];

        var sources = SimulatorConstants().Except(notInAnyHeader).ToList();
        var unmapped = sources.Where(s => !SimulatorCounterparts.FixedSources.Contains(s)).ToList();
        var notPrinted = sources.Except(unmapped).Where(s => !LinuxHeaderGolden.Has(SimulatorCounterparts.KeyOf(s)!)).ToList();

        Assert.True(unmapped.Count == 0, $"simulator constants with no Linux counterpart in SimulatorCounterparts: {string.Join(", ", unmapped)}");
        Assert.True(notPrinted.All(newerThanSomeHeaders.Contains),
            $"Linux's headers lack the counterpart of: {string.Join(", ", notPrinted.Except(newerThanSomeHeaders))}");
        output.WriteLine($"Not compared (this linux-libc-dev does not define them): {string.Join(", ", notPrinted.DefaultIfEmpty("none"))}");
        output.WriteLine($"Not compared (values no header defines): {string.Join(", ", notInAnyHeader)}");
    }

    private void AssertFamily(string family, int? expectedLines = null, int atLeast = 1)
    {
        var lines = LinuxHeaderGolden.Family(family);
        if (expectedLines is int exact) Assert.True(lines.Count == exact, $"expected {exact} '{family}' lines from Linux, got {lines.Count}");
        Assert.True(lines.Count >= atLeast, $"expected at least {atLeast} '{family}' lines from Linux, got {lines.Count}");
        AssertAllMatch(lines);

        var literals = lines.SelectMany(l => SimulatorCounterparts.For(l.Key).Select(c => (l.Key, c.Source)))
            .Where(p => p.Source.StartsWith(SimulatorCounterparts.NoSimulatorConstant, StringComparison.Ordinal)).ToList();
        foreach (var (key, source) in literals) output.WriteLine($"{key}: compared with {source}");
        output.WriteLine($"{lines.Count} '{family}' lines compared");
    }

    private static void AssertAllMatch(IReadOnlyList<GoldenLine> lines)
    {
        var problems = new List<string>();
        foreach (var line in lines)
        {
            var sides = SimulatorCounterparts.For(line.Key);
            if (sides.Count == 0) problems.Add($"{line}: no simulator counterpart (add one to SimulatorCounterparts)");
            foreach (var side in sides.Where(s => s.Value != line.Value))
                problems.Add($"{line}: Linux says {line.Value}, the simulator's {side}");
        }
        Assert.True(problems.Count == 0,
            $"{problems.Count} golden line(s) differ from the simulator:\n" + string.Join("\n", problems.Take(40)));
    }

    /// <summary>The simulator's transport constants, named as SimulatorCounterparts names them.</summary>
    private static IEnumerable<string> SimulatorConstants()
    {
        static IEnumerable<FieldInfo> Constants(Type type) =>
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral);

        foreach (var field in Constants(typeof(VirtioFeatures))) yield return $"bit of VirtioFeatures.{field.Name}";
        foreach (var field in Constants(typeof(MmioRegister))) yield return $"MmioRegister.{field.Name}";
        foreach (var name in Enum.GetNames<DeviceStatus>().Where(n => n != nameof(DeviceStatus.None))) yield return $"DeviceStatus.{name}";
        foreach (var name in Enum.GetNames<MmioInterrupt>().Where(n => n != nameof(MmioInterrupt.None))) yield return $"MmioInterrupt.{name}";
    }
}
