using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Input;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-input device (virtio 1.2, 5.8) and the human interface device behind it:
/// <code>
/// - name: touch0
///   type: input
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 64                    # eventq and statusq (default 64, Linux's evts[64])
///   eventBuffers: 64                 # event buffers the driver keeps posted (default 64; at most queueSize)
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
///   source:
///     kind: touchscreen              # touchscreen | rotary
///     reportRate: 120Hz              # touchscreen: reports per second while a finger is down (default 120Hz)
///     contact: { constant: 300ms }   # how long a touch or a turn lasts (default 300ms)
///     pause: { exponential: 700ms }  # between touches or turns (default exponential 700ms)
///     gap: { exponential: 40ms }     # rotary: between detents within a turn (default exponential 40ms)
/// </code>
/// </summary>
internal static class InputDeviceReader
{
    /// <summary>The keys of an input device.</summary>
    public static MappingShape Shape => new("an input device",
    [
        .. DeviceHead.Keys("input", 2, 64),
        KeyShape.May("eventBuffers", new IntegerShape(1, 32768), "Event buffers the driver keeps posted on the eventq (default 64, as Linux; at most queueSize)."),
        .. SharingReader.KeyShapes,
        KeyShape.Must("source", SourceShape, "The human interface device whose reports the device delivers."),
    ]);

    private static MappingShape SourceShape => new("an input source",
    [
        KeyShape.Must("kind", new EnumShape(["touchscreen", "rotary"]), "touchscreen (multi-touch reports while a finger is down) or rotary (REL_DIAL detents)."),
        KeyShape.May("reportRate", new QuantityShape(QuantityPattern.Refresh), "Touchscreen: reports per second while a finger is down (default 120Hz)."),
        KeyShape.May("contact", DistributionReader.Schema, "How long a touch or a turn lasts (default 300ms)."),
        KeyShape.May("pause", DistributionReader.Schema, "The time between touches or turns (default exponential, mean 700ms)."),
        KeyShape.May("gap", DistributionReader.Schema, "Rotary: the time between detents within a turn (default exponential, mean 40ms)."),
    ]);

    /// <summary>Reads one input device of a guest on <paramref name="platform"/>.</summary>
    public static InputDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 2, 64);
        int buffers = (int)(device.OptionalInt64("eventBuffers", min: 1, max: 32768) ?? Math.Min(64, (int)queueSize));
        if (buffers > queueSize) throw device.FailAt("eventBuffers", $"eventBuffers ({buffers}) cannot exceed the queue size ({queueSize})");
        var (sharing, _) = SharingReader.Read(device, platform);
        var source = device.Mapping("source");
        source.Declare(SourceShape);
        var kind = source.RequiredString("kind") == "touchscreen" ? InputSourceKind.Touchscreen : InputSourceKind.Rotary;
        double rate = source.Optional("reportRate") is { } r ? UnitReader.Millihertz(r) / 1000.0 : 120;
        var contact = source.Optional("contact") is { } c ? DistributionReader.Read(c) : new ConstantDelay(SimTime.FromMilliseconds(300));
        var pause = source.Optional("pause") is { } p ? DistributionReader.Read(p) : new ExponentialDelay(SimTime.FromMilliseconds(700));
        var gap = source.Optional("gap") is { } g ? DistributionReader.Read(g) : new ExponentialDelay(SimTime.FromMilliseconds(40));
        source.Done();
        device.Done();
        return new InputDeviceModel(name, packed, eventIdx, queueSize, new InputWorkload(kind, rate, contact, pause, gap, buffers), sharing);
    }
}
