using Sim.Core.Randomness;
using Sim.Devices.Gpio;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-gpio device (virtio 1.2, 5.18), its lines and the signals on its inputs:
/// <code>
/// - name: gpio0
///   type: gpio
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 16                    # requestq and eventq (default 16; at least the lines with an interrupt)
///   outstanding: 4                   # requests in flight at most (default 4)
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
///   toggle: { constant: 500ms }      # outputs toggle this often (default: set once)
///   lines:                           # line 0, 1, ...; ngpio is their number
///     - { name: door-switch, role: input, irq: edge-both, high: { exponential: 5s }, low: { exponential: 20s } }
///     - { name: courtesy-light, role: output }
///     - { name: spare }              # role unused (default)
/// </code>
/// </summary>
internal static class GpioDeviceReader
{
    private static readonly string[] Roles = ["unused", "output", "input"];

    private static readonly (string Name, uint Type)[] Triggers =
    [
        ("none", GpioLayout.IrqTypeNone), ("edge-rising", GpioLayout.IrqTypeEdgeRising), ("edge-falling", GpioLayout.IrqTypeEdgeFalling),
        ("edge-both", GpioLayout.IrqTypeEdgeBoth), ("level-high", GpioLayout.IrqTypeLevelHigh), ("level-low", GpioLayout.IrqTypeLevelLow),
    ];

    /// <summary>The keys of a GPIO device.</summary>
    public static MappingShape Shape => new("a GPIO device",
    [
        .. DeviceHead.Keys("gpio", 2, 16),
        KeyShape.May("outstanding", new IntegerShape(1, 256), "Requests the driver keeps in flight at most (default 4)."),
        .. SharingReader.KeyShapes,
        KeyShape.May("toggle", DistributionReader.Schema, "The time between toggles of the output lines (default: set once)."),
        KeyShape.Must("lines", new ListShape(LineShape, MinItems: 1), "The device's lines, numbered from 0 (ngpio is their number)."),
    ]);

    private static MappingShape LineShape => new("a GPIO line",
    [
        KeyShape.May("name", new TextShape(), "The line's name in the gpio-names block (default none)."),
        KeyShape.May("role", new EnumShape(Roles), "unused (default), output or input."),
        KeyShape.May("irq", new EnumShape([.. Triggers.Select(t => t.Name)]), "An input's interrupt trigger (default none)."),
        KeyShape.May("high", DistributionReader.Schema, "An input's signal: how long it stays high."),
        KeyShape.May("low", DistributionReader.Schema, "An input's signal: how long it stays low."),
    ]);

    /// <summary>Reads one GPIO device of a guest on <paramref name="platform"/>.</summary>
    public static GpioDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 2, 16);
        int outstanding = (int)(device.OptionalInt64("outstanding", 1, 256) ?? 4);
        if (outstanding > queueSize) throw device.FailAt("outstanding", $"outstanding ({outstanding}) cannot exceed the queue size ({queueSize})");
        var (sharing, _) = SharingReader.Read(device, platform);
        DelayDistribution? toggle = device.Optional("toggle") is { } t ? DistributionReader.Read(t) : null;
        var lines = new List<GpioLineSpec>();
        var lineNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (MappingReader line in device.Sequence("lines").Mappings())
            lines.Add(ReadLine(line, lineNames));
        if (lines.Count(l => l.HasIrq) > queueSize) throw device.FailAt("queueSize", $"{lines.Count(l => l.HasIrq)} lines with an interrupt need as many eventq entries; the queue has {queueSize}");
        device.Done();
        return new GpioDeviceModel(name, packed, eventIdx, queueSize, new GpioWorkload(lines, toggle, outstanding), sharing);
    }

    private static GpioLineSpec ReadLine(MappingReader line, HashSet<string> names)
    {
        line.Declare(LineShape);
        string name = line.OptionalString("name") ?? "";
        if (name.Any(c => c == 0 || c > 127)) throw line.FailAt("name", "a line name is 7-bit ASCII without NUL (5.18.6)");
        if (name.Length > 0 && !names.Add(name)) throw line.FailAt("name", $"two lines named '{name}': names are unique within a device (5.18.6)");
        var role = (line.OptionalString("role") ?? "unused") switch { "output" => GpioLineRole.Output, "input" => GpioLineRole.Input, _ => GpioLineRole.Unused };
        string trigger = line.OptionalString("irq") ?? "none";
        uint type = Triggers.First(t => t.Name == trigger).Type;
        if (type != GpioLayout.IrqTypeNone && role != GpioLineRole.Input) throw line.FailAt("irq", "only an input line has an interrupt (5.18.6: no IRQ messages for an output)");
        DelayDistribution? high = line.Optional("high") is { } h ? DistributionReader.Read(h) : null;
        DelayDistribution? low = line.Optional("low") is { } l ? DistributionReader.Read(l) : null;
        if ((high is null) != (low is null) || (high is not null && role != GpioLineRole.Input))
            throw line.FailAt(high is null ? "low" : "high", "an input's signal needs both high and low durations");
        line.Done();
        return new GpioLineSpec(name, role, type, high, low);
    }
}
