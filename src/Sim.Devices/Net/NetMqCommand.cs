using System.Buffers.Binary;

namespace Sim.Devices.Net;

/// <summary>
/// VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET (virtio 1.2, 5.1.6.5.5): the readable part of a control queue chain,
/// <c>struct virtio_net_ctrl_hdr</c> {class = VIRTIO_NET_CTRL_MQ, cmd = VQ_PAIRS_SET} then
/// <c>struct virtio_net_ctrl_mq</c> {virtqueue_pairs le16}; the device answers with one ack byte.
/// </summary>
/// <param name="VirtqueuePairs">How many receive/transmit pairs the driver wants to use.</param>
public sealed record NetMqCommand(ushort VirtqueuePairs)
{
    /// <summary>Bytes of the readable part: control header plus <c>virtio_net_ctrl_mq</c>.</summary>
    public const int Size = NetLayout.Control.HeaderSize + NetLayout.Control.MqSize;

    /// <summary>The <see cref="Size"/> bytes the driver puts in the readable part of the chain.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Size];
        bytes[NetLayout.Control.ClassOffset] = NetLayout.Control.ClassMq;
        bytes[NetLayout.Control.CommandOffset] = NetLayout.Control.MqVqPairsSet;
        BinaryPrimitives.WriteUInt16LittleEndian(
            bytes.AsSpan(NetLayout.Control.HeaderSize + NetLayout.Control.MqVirtqueuePairsOffset), VirtqueuePairs);
        return bytes;
    }

    /// <summary>
    /// Reads a VQ_PAIRS_SET from the readable part <paramref name="source"/>; false with a <paramref name="problem"/> when
    /// it is shorter than <see cref="Size"/> or another class or command.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out NetMqCommand? command, out string problem)
    {
        command = null;
        if (source.Length < Size)
        {
            problem = $"virtio-net control command: {source.Length} readable bytes, VQ_PAIRS_SET needs {Size}";
            return false;
        }
        byte @class = source[NetLayout.Control.ClassOffset], cmd = source[NetLayout.Control.CommandOffset];
        if (@class != NetLayout.Control.ClassMq || cmd != NetLayout.Control.MqVqPairsSet)
        {
            problem = $"virtio-net control command: class {@class} command {cmd}, expected class {NetLayout.Control.ClassMq} (MQ) command {NetLayout.Control.MqVqPairsSet} (VQ_PAIRS_SET)";
            return false;
        }
        problem = "";
        command = new NetMqCommand(BinaryPrimitives.ReadUInt16LittleEndian(
            source[(NetLayout.Control.HeaderSize + NetLayout.Control.MqVirtqueuePairsOffset)..]));
        return true;
    }

    /// <summary>
    /// The ack the device writes (5.1.6.5.5): <see cref="NetLayout.Control.AckOk"/> when <see cref="VirtqueuePairs"/>
    /// is from VQ_PAIRS_MIN to the device's <paramref name="maxVirtqueuePairs"/>, otherwise
    /// <see cref="NetLayout.Control.AckError"/> (the driver MUST NOT ask for more, the device MUST NOT accept it).
    /// </summary>
    public byte AckFor(ushort maxVirtqueuePairs) =>
        VirtqueuePairs >= NetLayout.Control.MqVqPairsMin && VirtqueuePairs <= maxVirtqueuePairs
            ? NetLayout.Control.AckOk
            : NetLayout.Control.AckError;
}
