namespace Sim.Devices.Net;

/// <summary>
/// A validated transmit chain (virtio 1.2, 5.1.6.2): its header and the packet after it. The packet is the readable
/// part of the chain from byte <see cref="NetLayout.HeaderSize"/> on, <see cref="PacketLength"/> bytes long.
/// </summary>
/// <param name="Header">The chain's <c>virtio_net_hdr_v1</c>.</param>
/// <param name="PacketLength">Bytes of the Ethernet frame after the header.</param>
public sealed record NetTxPacket(NetHeader Header, long PacketLength)
{
    /// <summary>Offset of the frame in the chain's readable part.</summary>
    public const int PacketOffset = NetLayout.HeaderSize;

    /// <summary>Whether the device must segment the packet (gso_type other than NONE).</summary>
    public bool IsGso => Header.GsoProtocol != NetLayout.GsoNone;

    /// <summary>Whether the device must complete the checksum (NEEDS_CSUM).</summary>
    public bool NeedsChecksum => (Header.Flags & NetLayout.FlagNeedsCsum) != 0;
}
