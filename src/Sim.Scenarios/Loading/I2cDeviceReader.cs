using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.I2c;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-i2c adapter (virtio 1.2, 5.16), the simulated bus behind it and the guest's polls:
/// <code>
/// - name: i2c0
///   type: i2c
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 16                    # the requestq (default 16)
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
///   bus:
///     speed: standard                # standard (100 kHz) | fast (400 kHz), NXP UM10204 Table 10
///     sensors:                       # temperature sensors (TMP102 register map)
///       - { address: 72, stretch: 0us }   # 7-bit address (72 = 0x48); clock stretching per data byte
///   poll:
///     address: 72                    # the target polled (one that is not on the bus NACKs)
///     register: 0                    # the register pointer written first (default 0, temperature)
///     readBytes: 2                   # bytes read back (default 2)
///     period: { constant: 100ms }    # between polls (default constant 100ms)
/// </code>
/// </summary>
internal static class I2cDeviceReader
{
    /// <summary>The keys of an I2C adapter.</summary>
    public static MappingShape Shape => new("an I2C adapter",
    [
        .. DeviceHead.Keys("i2c", 2, 16),
        .. SharingReader.KeyShapes,
        KeyShape.Must("bus", BusShape, "The I2C bus behind the adapter and its targets."),
        KeyShape.Must("poll", PollShape, "The guest's periodic register reads (write-read transfers)."),
    ]);

    private static MappingShape BusShape => new("an I2C bus",
    [
        KeyShape.May("speed", new EnumShape(["standard", "fast"]), "standard (100 kHz, default) or fast (400 kHz): the timing of NXP UM10204 Table 10."),
        KeyShape.May("sensors", new ListShape(SensorShape), "Temperature sensors on the bus (default none)."),
    ]);

    private static MappingShape SensorShape => new("an I2C temperature sensor",
    [
        KeyShape.Must("address", new IntegerShape(0, 127), "Its 7-bit address (decimal; a TMP102 answers at 72 to 75)."),
        KeyShape.May("stretch", new QuantityShape(QuantityPattern.Time), "Clock stretching per data byte (default 0us)."),
    ]);

    private static MappingShape PollShape => new("an I2C poll",
    [
        KeyShape.Must("address", new IntegerShape(0, 127), "The 7-bit address polled."),
        KeyShape.May("register", new IntegerShape(0, 255), "The register pointer written first (default 0)."),
        KeyShape.May("readBytes", new IntegerShape(1, 4096), "Bytes read back (default 2)."),
        KeyShape.May("period", DistributionReader.Schema, "The time between polls (default constant 100ms)."),
    ]);

    /// <summary>Reads one I2C adapter of a guest on <paramref name="platform"/>.</summary>
    public static I2cDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 2, 16);
        var (sharing, _) = SharingReader.Read(device, platform);
        var bus = device.Mapping("bus");
        bus.Declare(BusShape);
        var speed = I2cBusSpeed.Named(bus.OptionalString("speed") ?? "standard");
        var sensors = new List<(byte, SimTime)>();
        var addresses = new HashSet<byte>();
        foreach (MappingReader sensor in bus.OptionalSequence("sensors")?.Mappings() ?? [])
        {
            sensor.Declare(SensorShape);
            byte address = (byte)sensor.RequiredInt64("address", 0, 127);
            if (!addresses.Add(address)) throw sensor.FailAt("address", $"two sensors at address {address}");
            sensors.Add((address, sensor.OptionalTime("stretch", SimTime.Zero)));
            sensor.Done();
        }
        bus.Done();
        var poll = device.Mapping("poll");
        poll.Declare(PollShape);
        byte target = (byte)poll.RequiredInt64("address", 0, 127);
        byte register = (byte)(poll.OptionalInt64("register", 0, 255) ?? 0);
        int readBytes = (int)(poll.OptionalInt64("readBytes", 1, 4096) ?? 2);
        var period = poll.Optional("period") is { } p ? DistributionReader.Read(p) : new ConstantDelay(SimTime.FromMilliseconds(100));
        poll.Done();
        device.Done();
        return new I2cDeviceModel(name, packed, eventIdx, queueSize, speed, sensors, new I2cWorkload(target, register, readBytes, period), sharing);
    }
}
