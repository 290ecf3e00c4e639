using Sim.Devices.Net;

namespace Sim.Devices.Tests.Net;

/// <summary>Byte-exact <c>virtio_net_hdr_v1</c> encodings (virtio 1.2, 5.1.6), written out by hand.</summary>
public sealed class NetHeaderTests
{
    [Fact]
    public void A_tcpv4_gso_header_encodes_byte_for_byte()
    {
        // A TSO packet: Ethernet 14 + IPv4 20 + TCP 20 = 54 header bytes, MSS 1448, TCP checksum at 34 + 16.
        var header = new NetHeader(
            Flags: NetLayout.FlagNeedsCsum, GsoType: NetLayout.GsoTcpV4, HdrLen: 54, GsoSize: 1448,
            CsumStart: 34, CsumOffset: 16, NumBuffers: 0);
        byte[] expected =
        [
            0x01,       // flags: VIRTIO_NET_HDR_F_NEEDS_CSUM
            0x01,       // gso_type: VIRTIO_NET_HDR_GSO_TCPV4
            0x36, 0x00, // hdr_len 54
            0xa8, 0x05, // gso_size 1448
            0x22, 0x00, // csum_start 34 (after the Ethernet and IPv4 headers)
            0x10, 0x00, // csum_offset 16 (TCP checksum field)
            0x00, 0x00, // num_buffers 0 on transmit
        ];
        Assert.Equal(expected, header.Encode());
        Assert.Equal(header, NetHeader.Decode(expected));
        Assert.Equal(NetLayout.GsoTcpV4, header.GsoProtocol);
        Assert.False(header.GsoEcn);
    }

    [Fact]
    public void A_received_header_carries_data_valid_and_num_buffers_little_endian()
    {
        var header = new NetHeader(NetLayout.FlagDataValid, NetLayout.GsoTcpV6 | NetLayout.GsoEcn, 0, 0, 0, 0, NumBuffers: 0x0203);
        byte[] expected =
        [
            0x02,       // flags: VIRTIO_NET_HDR_F_DATA_VALID
            0x84,       // gso_type: TCPV6 | ECN
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x03, 0x02, // num_buffers 0x0203
        ];
        Assert.Equal(expected, header.Encode());
        Assert.Equal(NetLayout.GsoTcpV6, header.GsoProtocol);
        Assert.True(header.GsoEcn);
    }

    [Fact]
    public void Decoding_fewer_than_12_bytes_names_the_struct_and_the_length()
    {
        var error = Assert.Throws<ArgumentException>(() => NetHeader.Decode(new byte[11]));
        Assert.Contains("virtio_net_hdr_v1 needs 12 bytes, got 11", error.Message);
    }

    [Fact]
    public void The_plain_header_is_twelve_zero_bytes() => Assert.Equal(new byte[12], NetHeader.Plain.Encode());
}
