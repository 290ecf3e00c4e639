using System.Buffers.Binary;

namespace Sim.Devices.Net;

/// <summary>
/// <c>struct virtio_net_hdr_v1</c> (virtio 1.2, 5.1.6; Linux <c>virtio_net.h</c>), the <see cref="NetLayout.HeaderSize"/>
/// bytes before every transmitted and received packet. With VIRTIO_NET_HDR_F_RSC_INFO on receive, the csum fields
/// hold the coalesced segment and duplicate-ack counts instead (the same bytes).
/// </summary>
/// <param name="Flags">VIRTIO_NET_HDR_F_* bits (<see cref="NetLayout.FlagNeedsCsum"/> ...).</param>
/// <param name="GsoType">VIRTIO_NET_HDR_GSO_* (<see cref="NetLayout.GsoNone"/> ...), possibly OR-ed with <see cref="NetLayout.GsoEcn"/>.</param>
/// <param name="HdrLen">Ethernet + IP + TCP/UDP header bytes.</param>
/// <param name="GsoSize">Payload bytes per segment (the MSS) for a GSO packet.</param>
/// <param name="CsumStart">Where checksumming starts, with NEEDS_CSUM.</param>
/// <param name="CsumOffset">Where, after <paramref name="CsumStart"/>, the 16-bit checksum is stored.</param>
/// <param name="NumBuffers">Receive buffers the packet spans (5.1.6.4); zero on transmit.</param>
public sealed record NetHeader(
    byte Flags, byte GsoType, ushort HdrLen, ushort GsoSize, ushort CsumStart, ushort CsumOffset, ushort NumBuffers)
{
    /// <summary>A header with every field zero: no checksum offload, no GSO (what a minimal driver sends).</summary>
    public static NetHeader Plain { get; } = new(0, NetLayout.GsoNone, 0, 0, 0, 0, 0);

    /// <summary>The GSO type without the ECN bit.</summary>
    public byte GsoProtocol => (byte)(GsoType & ~NetLayout.GsoEcn);

    /// <summary>Whether the ECN bit of <see cref="GsoType"/> is set.</summary>
    public bool GsoEcn => (GsoType & NetLayout.GsoEcn) != 0;

    /// <summary>The <see cref="NetLayout.HeaderSize"/> little-endian bytes of this header.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[NetLayout.HeaderSize];
        EncodeInto(bytes);
        return bytes;
    }

    /// <summary>Writes this header into the first <see cref="NetLayout.HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public void EncodeInto(Span<byte> destination)
    {
        RequireLength(destination.Length);
        destination[NetLayout.HeaderFlagsOffset] = Flags;
        destination[NetLayout.HeaderGsoTypeOffset] = GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NetLayout.HeaderHdrLenOffset..], HdrLen);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NetLayout.HeaderGsoSizeOffset..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NetLayout.HeaderCsumStartOffset..], CsumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NetLayout.HeaderCsumOffsetOffset..], CsumOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NetLayout.HeaderNumBuffersOffset..], NumBuffers);
    }

    /// <summary>The header in the first <see cref="NetLayout.HeaderSize"/> bytes of <paramref name="source"/>.</summary>
    public static NetHeader Decode(ReadOnlySpan<byte> source)
    {
        RequireLength(source.Length);
        return new NetHeader(
            source[NetLayout.HeaderFlagsOffset],
            source[NetLayout.HeaderGsoTypeOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(source[NetLayout.HeaderHdrLenOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[NetLayout.HeaderGsoSizeOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[NetLayout.HeaderCsumStartOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[NetLayout.HeaderCsumOffsetOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[NetLayout.HeaderNumBuffersOffset..]));
    }

    private static void RequireLength(int length)
    {
        if (length < NetLayout.HeaderSize)
            throw new ArgumentException($"a virtio_net_hdr_v1 needs {NetLayout.HeaderSize} bytes, got {length}");
    }
}
