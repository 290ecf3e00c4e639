using Sim.Devices.Net;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Byte-exact <c>struct virtio_net_config</c> (virtio 1.2, 5.1.4) and the multiqueue control command with its ack
/// (5.1.6.5.5).
/// </summary>
public sealed class NetConfigAndControlTests
{
    [Fact]
    public void The_config_space_encodes_byte_for_byte()
    {
        byte[] config = NetConfigSpace.Build(
            mac: [0x52, 0x54, 0x00, 0x12, 0x34, 0x56], status: NetLayout.StatusLinkUp, maxVirtqueuePairs: 4, mtu: 1500,
            speedMbps: 10_000, duplex: NetLayout.Config.DuplexFull);
        byte[] expected =
        [
            0x52, 0x54, 0x00, 0x12, 0x34, 0x56, // mac
            0x01, 0x00,                         // status: VIRTIO_NET_S_LINK_UP
            0x04, 0x00,                         // max_virtqueue_pairs 4
            0xdc, 0x05,                         // mtu 1500
            0x10, 0x27, 0x00, 0x00,             // speed 10000 Mb/s
            0x01,                               // duplex: full
            0x00,                               // rss_max_key_size
            0x00, 0x00,                         // rss_max_indirection_table_length
            0x00, 0x00, 0x00, 0x00,             // supported_hash_types
        ];
        Assert.Equal(expected, config);
        Assert.Equal((ushort)4, NetConfigSpace.MaxVirtqueuePairs(config));
        Assert.Equal((ushort)1500, NetConfigSpace.Mtu(config));
        Assert.Equal(expected[..6], NetConfigSpace.Mac(config));
    }

    [Fact]
    public void By_default_speed_and_duplex_are_unknown()
    {
        byte[] config = NetConfigSpace.Build();
        Assert.Equal([0xff, 0xff, 0xff, 0xff, 0xff], config[12..17]);
    }

    [Fact]
    public void A_mac_of_the_wrong_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => NetConfigSpace.Build(mac: new byte[5]));
        Assert.Contains("a MAC address is 6 bytes, got 5", error.Message);
    }

    [Fact]
    public void Vq_pairs_set_encodes_class_command_and_pairs()
    {
        byte[] expected =
        [
            0x04,       // class: VIRTIO_NET_CTRL_MQ
            0x00,       // cmd: VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET
            0x03, 0x01, // virtqueue_pairs 0x0103
        ];
        Assert.Equal(expected, new NetMqCommand(0x0103).Encode());
        Assert.True(NetMqCommand.TryDecode(expected, out var command, out string problem), problem);
        Assert.Equal(new NetMqCommand(0x0103), command);
    }

    [Theory]
    [InlineData(0, NetLayout.Control.AckError)]
    [InlineData(1, NetLayout.Control.AckOk)]
    [InlineData(4, NetLayout.Control.AckOk)]
    [InlineData(5, NetLayout.Control.AckError)]
    public void The_device_acks_only_pairs_from_1_to_its_maximum(ushort pairs, byte ack) =>
        Assert.Equal(ack, new NetMqCommand(pairs).AckFor(maxVirtqueuePairs: 4));

    [Fact]
    public void Another_class_or_a_short_command_is_not_a_vq_pairs_set()
    {
        Assert.False(NetMqCommand.TryDecode([0x00, 0x00, 0x01, 0x00], out _, out string wrongClass));
        Assert.Contains("class 0 command 0, expected class 4 (MQ) command 0 (VQ_PAIRS_SET)", wrongClass);
        Assert.False(NetMqCommand.TryDecode([0x04, 0x00, 0x01], out _, out string tooShort));
        Assert.Contains("3 readable bytes, VQ_PAIRS_SET needs 4", tooShort);
    }
}
