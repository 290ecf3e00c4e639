using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Net;

/// <summary>
/// Turns a popped transmitq chain into a <see cref="NetTxPacket"/> (virtio 1.2, 5.1.6.2): device-readable buffers only,
/// a <c>virtio_net_hdr_v1</c> (it may span several buffers) then the frame. The header is checked against the
/// negotiated features by the pure <see cref="CheckHeader"/> (5.1.6.2.1). Reads go through
/// <see cref="DescriptorChain.Read"/> only. A bad chain gives a <see cref="NetTxError"/> and a problem text naming the
/// chain, the field and what was expected.
/// </summary>
/// <param name="features">The negotiated device features (<see cref="NetFeatures"/>): CSUM, HOST_TSO4/6, HOST_UFO, HOST_USO, HOST_ECN.</param>
public sealed class NetTxParser(ulong features)
{
    /// <summary>The negotiated features.</summary>
    public ulong Features { get; } = features;

    /// <summary>
    /// Parses <paramref name="chain"/>; false with an <paramref name="error"/> and a <paramref name="problem"/> text when
    /// it is not a valid transmit packet.
    /// </summary>
    public bool TryParse(
        DescriptorChain chain, IDeviceMemory memory, out NetTxPacket? packet, out NetTxError error, out string problem)
    {
        packet = null;
        error = Check(chain, memory, ref packet, out problem);
        return error == NetTxError.None;
    }

    private NetTxError Check(DescriptorChain chain, IDeviceMemory memory, ref NetTxPacket? packet, out string problem)
    {
        string where = $"virtio-net tx chain {chain.Id}";
        if (chain.WritableLength != 0)
            return Fail(NetTxError.WritableBuffer, $"{where}: {chain.WritableLength} device-writable bytes; a transmit chain is device-readable only (5.1.6.2)", out problem);
        if (chain.ReadableLength < NetLayout.HeaderSize)
            return Fail(NetTxError.HeaderTooShort, $"{where}: {chain.ReadableLength} readable bytes, a virtio_net_hdr_v1 needs {NetLayout.HeaderSize}", out problem);
        Span<byte> bytes = stackalloc byte[NetLayout.HeaderSize];
        if (chain.Read(memory, 0, bytes) != NetLayout.HeaderSize)
            return Fail(NetTxError.BufferRefused, $"{where}: the access path refused the header buffer", out problem);

        var header = NetHeader.Decode(bytes);
        long packetLength = chain.ReadableLength - NetLayout.HeaderSize;
        var error = CheckHeader(header, packetLength, out string why);
        if (error != NetTxError.None) return Fail(error, $"{where}: {why}", out problem);
        packet = new NetTxPacket(header, packetLength);
        problem = "";
        return NetTxError.None;
    }

    /// <summary>
    /// Checks a transmit header for a frame of <paramref name="packetLength"/> bytes against <see cref="Features"/>
    /// (5.1.6.2.1), in this order: num_buffers zero; flags zero without VIRTIO_NET_F_CSUM, never DATA_VALID or
    /// RSC_INFO; a NEEDS_CSUM checksum inside the frame; a known gso_type whose HOST_* feature (and HOST_ECN for the
    /// ECN bit) was negotiated, with NEEDS_CSUM and a non-zero gso_size. <paramref name="problem"/> names the field.
    /// </summary>
    public NetTxError CheckHeader(NetHeader header, long packetLength, out string problem)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.NumBuffers != 0)
            return Fail(NetTxError.NumBuffersNotZero, $"num_buffers {header.NumBuffers}, must be 0 on transmit (5.1.6.2.1)", out problem);
        bool csum = NetFeatures.Has(Features, NetFeatures.Csum);
        if (!csum && header.Flags != 0)
            return Fail(NetTxError.FlagsNotAllowed, $"flags 0x{header.Flags:x2} without VIRTIO_NET_F_CSUM, must be 0 (5.1.6.2.1)", out problem);
        const byte receiveOnly = NetLayout.FlagDataValid | NetLayout.FlagRscInfo;
        if ((header.Flags & receiveOnly) != 0)
            return Fail(NetTxError.FlagsNotAllowed, $"flags 0x{header.Flags:x2} set DATA_VALID or RSC_INFO, which a driver MUST NOT send (5.1.6.2.1)", out problem);
        bool needsCsum = (header.Flags & NetLayout.FlagNeedsCsum) != 0;
        if (needsCsum && header.CsumStart + header.CsumOffset + 2L > packetLength)
            return Fail(NetTxError.ChecksumOutsidePacket, $"checksum at csum_start {header.CsumStart} + csum_offset {header.CsumOffset} (2 bytes) ends past the {packetLength}-byte packet", out problem);
        return CheckGso(header, needsCsum, out problem);
    }

    private NetTxError CheckGso(NetHeader header, bool needsCsum, out string problem)
    {
        byte protocol = header.GsoProtocol;
        if (protocol == NetLayout.GsoNone && !header.GsoEcn)
        {
            problem = "";
            return NetTxError.None;
        }
        ulong? feature = protocol switch
        {
            NetLayout.GsoTcpV4 => NetFeatures.HostTso4,
            NetLayout.GsoTcpV6 => NetFeatures.HostTso6,
            NetLayout.GsoUdp => NetFeatures.HostUfo,
            NetLayout.GsoUdpL4 => NetFeatures.HostUso,
            _ => null,
        };
        bool tcp = protocol is NetLayout.GsoTcpV4 or NetLayout.GsoTcpV6;
        if (feature is null || (header.GsoEcn && !tcp))
            return Fail(NetTxError.UnknownGsoType, $"gso_type 0x{header.GsoType:x2} is not a GSO type (NONE, TCPV4, UDP, TCPV6, UDP_L4; ECN only with TCP)", out problem);
        if (!NetFeatures.Has(Features, feature.Value))
            return Fail(NetTxError.GsoNotNegotiated, $"gso_type 0x{header.GsoType:x2} needs {FeatureName(feature.Value)}, not negotiated (5.1.6.2.1)", out problem);
        if (header.GsoEcn && !NetFeatures.Has(Features, NetFeatures.HostEcn))
            return Fail(NetTxError.GsoNotNegotiated, $"gso_type 0x{header.GsoType:x2} has the ECN bit, which needs VIRTIO_NET_F_HOST_ECN, not negotiated (5.1.6.2.1)", out problem);
        if (!needsCsum)
            return Fail(NetTxError.GsoWithoutChecksum, $"gso_type 0x{header.GsoType:x2} without NEEDS_CSUM in flags 0x{header.Flags:x2} (5.1.6.2.1)", out problem);
        if (header.GsoSize == 0)
            return Fail(NetTxError.GsoSizeZero, $"gso_type 0x{header.GsoType:x2} with gso_size 0, must be the MSS (5.1.6.2.1)", out problem);
        problem = "";
        return NetTxError.None;
    }

    private static string FeatureName(ulong feature) => feature switch
    {
        NetFeatures.HostTso4 => "VIRTIO_NET_F_HOST_TSO4",
        NetFeatures.HostTso6 => "VIRTIO_NET_F_HOST_TSO6",
        NetFeatures.HostUfo => "VIRTIO_NET_F_HOST_UFO",
        _ => "VIRTIO_NET_F_HOST_USO",
    };

    private static NetTxError Fail(NetTxError error, string text, out string problem)
    {
        problem = text;
        return error;
    }
}
