namespace Sim.Devices.Net;

/// <summary>Why a received packet cannot be placed in the posted receive buffers (virtio 1.2, 5.1.6.3.1, 5.1.6.4).</summary>
public enum NetRxShortfall
{
    /// <summary>The packet fits.</summary>
    None,
    /// <summary>The posted buffers together are too small for header plus packet: the device waits for more (or drops).</summary>
    NotEnoughBuffers,
    /// <summary>Without VIRTIO_NET_F_MRG_RXBUF the packet must fit in one buffer (5.1.6.4), and the next buffer does not hold it.</summary>
    BufferTooSmallForPacket,
    /// <summary>With VIRTIO_NET_F_MRG_RXBUF every buffer must hold at least a <c>virtio_net_hdr_v1</c> (5.1.6.3.1), and one does not.</summary>
    BufferSmallerThanHeader,
}

/// <summary>
/// Where a received packet goes (virtio 1.2, 5.1.6.4): how many of the posted receive buffers it takes, the
/// <c>num_buffers</c> the device writes in the first buffer's header, and the bytes (the used length) written to each.
/// </summary>
/// <param name="Shortfall">Why it does not fit, or <see cref="NetRxShortfall.None"/>.</param>
/// <param name="BytesWritten">Used length of each buffer taken, in posting order; empty when it does not fit.</param>
/// <param name="Problem">What did not fit and where; empty when it fits.</param>
public sealed record NetRxPlacement(NetRxShortfall Shortfall, IReadOnlyList<uint> BytesWritten, string Problem)
{
    /// <summary>Whether the packet fits.</summary>
    public bool Fits => Shortfall == NetRxShortfall.None;

    /// <summary>Receive buffers (descriptor chains) the packet takes; 0 when it does not fit.</summary>
    public int BufferCount => BytesWritten.Count;

    /// <summary>The header's <c>num_buffers</c>: <see cref="BufferCount"/> (always 1 without MRG_RXBUF).</summary>
    public ushort NumBuffers => (ushort)BytesWritten.Count;
}
