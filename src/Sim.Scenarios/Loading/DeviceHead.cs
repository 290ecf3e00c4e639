using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// What every virtio device's keys start with, read once for all device types: its name (unique in its guest), the
/// virtqueue layout (<c>ring: split | packed</c>, virtio 1.2, 2.7 and 2.8), whether the driver negotiates
/// VIRTIO_F_EVENT_IDX, and the queue size (a power of two for a split ring, 2.7). Plain data.
/// </summary>
/// <param name="Name">The device's name.</param>
/// <param name="Packed">Whether the driver asks for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Whether the driver asks for VIRTIO_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries per virtqueue.</param>
internal sealed record DeviceHead(string Name, bool Packed, bool EventIdx, ushort QueueSize)
{
    /// <summary>The keys every device type of <paramref name="type"/> starts with: name, type, ring, eventIdx, queueSize (at least <paramref name="minQueue"/>, default <paramref name="defaultQueue"/>).</summary>
    public static IReadOnlyList<KeyShape> Keys(string type, int minQueue, int defaultQueue) =>
        [.. TransportSectionReader.DeviceKeys(type), TransportSectionReader.RingKey, TransportSectionReader.EventIdxKey, TransportSectionReader.QueueSizeKey(minQueue, defaultQueue)];

    /// <summary>Reads the head of <paramref name="device"/> (whose shape is declared already), its name added to <paramref name="names"/>.</summary>
    public static DeviceHead Read(MappingReader device, HashSet<string> names, int minQueue, ushort defaultQueue)
    {
        string name = TransportSectionReader.ReadPathName(device.Required("name"), "device", names);
        NodeReader ringNode = device.Optional("ring") ?? device.Self;
        string ring = device.OptionalString("ring") ?? "split";
        if (ring is not ("split" or "packed")) throw ringNode.Unexpected("'split' or 'packed'");
        bool eventIdx = device.Optional("eventIdx")?.AsBoolean() ?? false;
        ushort queueSize = (ushort)(device.OptionalInt64("queueSize", min: minQueue, max: 32768) ?? defaultQueue);
        if (ring == "split" && (queueSize & (queueSize - 1)) != 0)
            throw device.FailAt("queueSize", $"a split queue size must be a power of two, found {queueSize}");
        return new DeviceHead(name, ring == "packed", eventIdx, queueSize);
    }
}
