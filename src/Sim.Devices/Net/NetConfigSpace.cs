using System.Buffers.Binary;

namespace Sim.Devices.Net;

/// <summary>
/// Builds the bytes of <c>struct virtio_net_config</c> (virtio 1.2, 5.1.4; packed, little-endian,
/// <see cref="NetLayout.Config.Size"/> bytes) for a virtio-mmio device's configuration space.
/// </summary>
public static class NetConfigSpace
{
    /// <summary>
    /// The configuration space of a NIC. Each field is meaningful only with its feature bit: <paramref name="mac"/>
    /// (VIRTIO_NET_F_MAC, exactly 6 bytes or null for zeros), <paramref name="status"/> (VIRTIO_NET_F_STATUS),
    /// <paramref name="maxVirtqueuePairs"/> (VIRTIO_NET_F_MQ), <paramref name="mtu"/> (VIRTIO_NET_F_MTU),
    /// <paramref name="speedMbps"/> and <paramref name="duplex"/> (VIRTIO_NET_F_SPEED_DUPLEX; unknown by default).
    /// </summary>
    public static byte[] Build(
        ReadOnlySpan<byte> mac = default, ushort status = NetLayout.StatusLinkUp, ushort maxVirtqueuePairs = 1,
        ushort mtu = 0, uint speedMbps = NetLayout.Config.SpeedUnknown, byte duplex = NetLayout.Config.DuplexUnknown)
    {
        if (!mac.IsEmpty && mac.Length != NetLayout.Config.MacLength)
            throw new ArgumentException($"a MAC address is {NetLayout.Config.MacLength} bytes, got {mac.Length}", nameof(mac));
        if (maxVirtqueuePairs is < NetLayout.Control.MqVqPairsMin or > NetLayout.Control.MqVqPairsMax)
            throw new ArgumentOutOfRangeException(nameof(maxVirtqueuePairs), maxVirtqueuePairs, $"max_virtqueue_pairs is {NetLayout.Control.MqVqPairsMin} to {NetLayout.Control.MqVqPairsMax} (5.1.4)");
        var bytes = new byte[NetLayout.Config.Size];
        mac.CopyTo(bytes.AsSpan(NetLayout.Config.Mac));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(NetLayout.Config.Status), status);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(NetLayout.Config.MaxVirtqueuePairs), maxVirtqueuePairs);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(NetLayout.Config.Mtu), mtu);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(NetLayout.Config.Speed), speedMbps);
        bytes[NetLayout.Config.Duplex] = duplex;
        return bytes;
    }

    /// <summary>The mac field of <paramref name="config"/>.</summary>
    public static byte[] Mac(ReadOnlySpan<byte> config) =>
        config.Slice(NetLayout.Config.Mac, NetLayout.Config.MacLength).ToArray();

    /// <summary>The max_virtqueue_pairs field of <paramref name="config"/>.</summary>
    public static ushort MaxVirtqueuePairs(ReadOnlySpan<byte> config) =>
        BinaryPrimitives.ReadUInt16LittleEndian(config[NetLayout.Config.MaxVirtqueuePairs..]);

    /// <summary>The mtu field of <paramref name="config"/>.</summary>
    public static ushort Mtu(ReadOnlySpan<byte> config) =>
        BinaryPrimitives.ReadUInt16LittleEndian(config[NetLayout.Config.Mtu..]);
}
