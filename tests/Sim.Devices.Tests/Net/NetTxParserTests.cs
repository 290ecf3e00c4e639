using Sim.Devices.Net;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Transmit chain validation (virtio 1.2, 5.1.6.2, 5.1.6.2.1): a valid TSO chain passes; each rule the driver MUST
/// keep has a chain that breaks it, and the finding names the error, the chain and the field.
/// </summary>
public sealed class NetTxParserTests
{
    private const ulong Offloads = NetFeatures.Csum | NetFeatures.HostTso4 | NetFeatures.HostTso6 | NetFeatures.HostEcn | NetFeatures.HostUfo | NetFeatures.HostUso;

    /// <summary>A valid TSOv4 header: 54 header bytes, MSS 1448, TCP checksum at 34 + 16.</summary>
    private static readonly NetHeader Tso4 = new(NetLayout.FlagNeedsCsum, NetLayout.GsoTcpV4, 54, 1448, 34, 16, 0);

    [Fact]
    public void A_tso_chain_yields_its_header_and_packet_length()
    {
        var (ok, packet, error, problem) = NetTxChain.Of(Tso4, 2950).Parse(Offloads);
        Assert.True(ok, problem);
        Assert.Equal(NetTxError.None, error);
        Assert.Equal(Tso4, packet!.Header);
        Assert.Equal(2950, packet.PacketLength);
        Assert.True(packet.IsGso);
        Assert.True(packet.NeedsChecksum);
    }

    [Fact]
    public void A_plain_packet_needs_no_feature()
    {
        var (ok, packet, _, problem) = NetTxChain.Of(NetHeader.Plain, 60).Parse(0);
        Assert.True(ok, problem);
        Assert.Equal(60, packet!.PacketLength);
        Assert.False(packet.IsGso);
    }

    [Fact]
    public void A_header_split_across_buffers_is_read_whole()
    {
        byte[] bytes = Tso4.Encode();
        var (ok, packet, _, problem) = new NetTxChain().Readable(bytes[..5]).Readable([.. bytes[5..], .. new byte[100]]).Parse(Offloads);
        Assert.True(ok, problem);
        Assert.Equal(Tso4, packet!.Header);
        Assert.Equal(100, packet.PacketLength);
    }

    [Fact]
    public void A_writable_buffer_in_a_tx_chain_is_refused()
    {
        var result = NetTxChain.Of(Tso4, 2950).Writable(64).Parse(Offloads);
        AssertRefused(result, NetTxError.WritableBuffer, "64 device-writable bytes; a transmit chain is device-readable only");
    }

    [Fact]
    public void A_chain_shorter_than_the_header_is_refused()
    {
        var result = new NetTxChain().Readable(new byte[11]).Parse(Offloads);
        AssertRefused(result, NetTxError.HeaderTooShort, "11 readable bytes, a virtio_net_hdr_v1 needs 12");
    }

    [Fact]
    public void A_header_the_access_path_refuses_is_reported()
    {
        var result = NetTxChain.Of(Tso4, 100).Parse(Offloads, through: new NetTxChain.DenyAll());
        AssertRefused(result, NetTxError.BufferRefused, "refused the header buffer");
    }

    [Fact]
    public void A_non_zero_num_buffers_on_transmit_is_refused()
    {
        var result = NetTxChain.Of(Tso4 with { NumBuffers = 1 }, 2950).Parse(Offloads);
        AssertRefused(result, NetTxError.NumBuffersNotZero, "num_buffers 1, must be 0 on transmit");
    }

    [Fact]
    public void Needs_csum_without_the_csum_feature_is_refused()
    {
        var header = NetHeader.Plain with { Flags = NetLayout.FlagNeedsCsum, CsumStart = 34, CsumOffset = 16 };
        var result = NetTxChain.Of(header, 100).Parse(Offloads & ~NetFeatures.Csum);
        AssertRefused(result, NetTxError.FlagsNotAllowed, "flags 0x01 without VIRTIO_NET_F_CSUM, must be 0");
    }

    [Theory]
    [InlineData(NetLayout.FlagDataValid)]
    [InlineData(NetLayout.FlagRscInfo)]
    [InlineData(NetLayout.FlagNeedsCsum | NetLayout.FlagDataValid)]
    public void Receive_only_flags_on_transmit_are_refused(byte flags)
    {
        var header = NetHeader.Plain with { Flags = flags, CsumStart = 34, CsumOffset = 16 };
        var result = NetTxChain.Of(header, 100).Parse(Offloads);
        AssertRefused(result, NetTxError.FlagsNotAllowed, $"flags 0x{flags:x2} set DATA_VALID or RSC_INFO");
    }

    [Fact]
    public void A_checksum_ending_exactly_at_the_packet_end_is_accepted_one_byte_less_is_refused()
    {
        var header = NetHeader.Plain with { Flags = NetLayout.FlagNeedsCsum, CsumStart = 34, CsumOffset = 16 };
        Assert.True(NetTxChain.Of(header, 52).Parse(NetFeatures.Csum).Ok);
        var result = NetTxChain.Of(header, 51).Parse(NetFeatures.Csum);
        AssertRefused(result, NetTxError.ChecksumOutsidePacket, "csum_start 34 + csum_offset 16 (2 bytes) ends past the 51-byte packet");
    }

    [Theory]
    [InlineData(2)]                                           // the old TCPV4_ECN value, no longer a type
    [InlineData(6)]
    [InlineData(NetLayout.GsoUdp | NetLayout.GsoEcn)]         // ECN only goes with TCP
    [InlineData(NetLayout.GsoEcn)]                            // ECN on a non-GSO packet
    public void An_unknown_gso_type_is_refused(byte gsoType)
    {
        var result = NetTxChain.Of(Tso4 with { GsoType = gsoType }, 2950).Parse(Offloads);
        AssertRefused(result, NetTxError.UnknownGsoType, $"gso_type 0x{gsoType:x2} is not a GSO type");
    }

    [Theory]
    [InlineData(NetLayout.GsoTcpV4, NetFeatures.HostTso4, "VIRTIO_NET_F_HOST_TSO4")]
    [InlineData(NetLayout.GsoTcpV6, NetFeatures.HostTso6, "VIRTIO_NET_F_HOST_TSO6")]
    [InlineData(NetLayout.GsoUdp, NetFeatures.HostUfo, "VIRTIO_NET_F_HOST_UFO")]
    [InlineData(NetLayout.GsoUdpL4, NetFeatures.HostUso, "VIRTIO_NET_F_HOST_USO")]
    public void A_gso_type_whose_host_feature_was_not_negotiated_is_refused(byte gsoType, ulong feature, string name)
    {
        Assert.True(NetTxChain.Of(Tso4 with { GsoType = gsoType }, 2950).Parse(Offloads).Ok);
        var result = NetTxChain.Of(Tso4 with { GsoType = gsoType }, 2950).Parse(Offloads & ~feature);
        AssertRefused(result, NetTxError.GsoNotNegotiated, $"needs {name}, not negotiated");
    }

    [Fact]
    public void Ecn_without_host_ecn_is_refused()
    {
        var header = Tso4 with { GsoType = NetLayout.GsoTcpV4 | NetLayout.GsoEcn };
        Assert.True(NetTxChain.Of(header, 2950).Parse(Offloads).Ok);
        var result = NetTxChain.Of(header, 2950).Parse(Offloads & ~NetFeatures.HostEcn);
        AssertRefused(result, NetTxError.GsoNotNegotiated, "gso_type 0x81 has the ECN bit, which needs VIRTIO_NET_F_HOST_ECN");
    }

    [Fact]
    public void Gso_without_needs_csum_is_refused()
    {
        var result = NetTxChain.Of(Tso4 with { Flags = 0 }, 2950).Parse(Offloads);
        AssertRefused(result, NetTxError.GsoWithoutChecksum, "gso_type 0x01 without NEEDS_CSUM");
    }

    [Fact]
    public void Gso_with_a_zero_gso_size_is_refused()
    {
        var result = NetTxChain.Of(Tso4 with { GsoSize = 0 }, 2950).Parse(Offloads);
        AssertRefused(result, NetTxError.GsoSizeZero, "gso_size 0, must be the MSS");
    }

    private static void AssertRefused((bool Ok, NetTxPacket? Packet, NetTxError Error, string Problem) result, NetTxError error, string why)
    {
        Assert.False(result.Ok);
        Assert.Null(result.Packet);
        Assert.Equal(error, result.Error);
        Assert.StartsWith("virtio-net tx chain 7: ", result.Problem);
        Assert.Contains(why, result.Problem);
    }
}
