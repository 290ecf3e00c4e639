namespace Sim.Devices.Net;

/// <summary>
/// Receive buffer rules of virtio-net (virtio 1.2, 5.1.6.3 "Setting Up Receive Buffers" and 5.1.6.4 "Processing of
/// Incoming Packets"), as pure functions of the packet length and the sizes of the posted buffers.
/// <list type="bullet">
/// <item>With VIRTIO_NET_F_MRG_RXBUF the device fills buffers in posting order, the header at the start of the first,
/// every buffer full except the last, and sets num_buffers to the count taken (5.1.6.4); each buffer MUST be at least
/// a header long (5.1.6.3.1).</item>
/// <item>Without it the device MUST use a single buffer and set num_buffers to 1 (5.1.6.4), so each buffer must hold
/// header plus the whole packet: a driver SHOULD post <see cref="NetLayout.BigPacketBufferSize"/> bytes when any guest
/// GSO feature is negotiated, <see cref="NetLayout.SmallPacketBufferSize"/> otherwise (5.1.6.3.1).</item>
/// </list>
/// </summary>
public static class NetRxBuffers
{
    /// <summary>
    /// The buffer size a driver without VIRTIO_NET_F_MRG_RXBUF SHOULD post for <paramref name="features"/>
    /// (5.1.6.3.1), or <see cref="NetLayout.HeaderSize"/>, the least a buffer MUST hold, with MRG_RXBUF.
    /// </summary>
    public static int RecommendedBufferSize(ulong features)
    {
        if (NetFeatures.Has(features, NetFeatures.MrgRxbuf)) return NetLayout.HeaderSize;
        return (features & NetFeatures.GuestGso) != 0 ? NetLayout.BigPacketBufferSize : NetLayout.SmallPacketBufferSize;
    }

    /// <summary>
    /// Places a packet of <paramref name="packetLength"/> bytes (the frame after the header) into the posted receive
    /// buffers <paramref name="bufferSizes"/> (in the order the driver posted them), with or without
    /// VIRTIO_NET_F_MRG_RXBUF (<paramref name="mergeable"/>). The device writes <see cref="NetLayout.HeaderSize"/>
    /// header bytes first.
    /// </summary>
    public static NetRxPlacement Place(long packetLength, IReadOnlyList<uint> bufferSizes, bool mergeable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(packetLength);
        ArgumentNullException.ThrowIfNull(bufferSizes);
        long total = NetLayout.HeaderSize + packetLength;
        if (bufferSizes.Count == 0)
            return Refuse(NetRxShortfall.NotEnoughBuffers, $"virtio-net receive: no buffer posted for {total} bytes (header {NetLayout.HeaderSize} + packet {packetLength})");
        if (!mergeable)
        {
            if (bufferSizes[0] < total)
                return Refuse(NetRxShortfall.BufferTooSmallForPacket, $"virtio-net receive: buffer 0 holds {bufferSizes[0]} bytes, the packet needs {total} (header {NetLayout.HeaderSize} + packet {packetLength}) in one buffer without VIRTIO_NET_F_MRG_RXBUF");
            return new NetRxPlacement(NetRxShortfall.None, [(uint)total], "");
        }

        var written = new List<uint>();
        long left = total;
        for (int i = 0; i < bufferSizes.Count && left > 0 && written.Count < ushort.MaxValue; i++)
        {
            if (bufferSizes[i] < NetLayout.HeaderSize)
                return Refuse(NetRxShortfall.BufferSmallerThanHeader, $"virtio-net receive: buffer {i} holds {bufferSizes[i]} bytes, less than a {NetLayout.HeaderSize}-byte virtio_net_hdr_v1 (5.1.6.3.1)");
            uint chunk = (uint)Math.Min(bufferSizes[i], left);
            written.Add(chunk);
            left -= chunk;
        }
        if (left > 0)
            return Refuse(NetRxShortfall.NotEnoughBuffers, $"virtio-net receive: {written.Count} posted buffers hold {total - left} of {total} bytes (header {NetLayout.HeaderSize} + packet {packetLength})");
        return new NetRxPlacement(NetRxShortfall.None, written, "");
    }

    private static NetRxPlacement Refuse(NetRxShortfall shortfall, string problem) => new(shortfall, [], problem);
}
