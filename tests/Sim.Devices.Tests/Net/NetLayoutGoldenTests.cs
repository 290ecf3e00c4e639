using System.Globalization;
using System.Numerics;
using Sim.Devices.Net;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// <see cref="NetLayout"/> and <see cref="NetFeatures"/> against Linux: <c>linux_virtio_net_golden.c</c> (copied next
/// to the test assembly under Golden/), compiled with gcc against /usr/include/linux/virtio_net.h, prints struct sizes,
/// field offsets, header flags, GSO types, status bits, feature bits and control queue values; every line must have a
/// C# counterpart equal to it, and every C# constant must be printed unless it is newer than some Linux headers.
/// </summary>
public sealed class NetLayoutGoldenTests
{
    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_net_hdr_v1"] = NetLayout.HeaderSize,
        ["layout.offsetof.virtio_net_hdr_v1.flags"] = NetLayout.HeaderFlagsOffset,
        ["layout.offsetof.virtio_net_hdr_v1.gso_type"] = NetLayout.HeaderGsoTypeOffset,
        ["layout.offsetof.virtio_net_hdr_v1.hdr_len"] = NetLayout.HeaderHdrLenOffset,
        ["layout.offsetof.virtio_net_hdr_v1.gso_size"] = NetLayout.HeaderGsoSizeOffset,
        ["layout.offsetof.virtio_net_hdr_v1.csum_start"] = NetLayout.HeaderCsumStartOffset,
        ["layout.offsetof.virtio_net_hdr_v1.csum_offset"] = NetLayout.HeaderCsumOffsetOffset,
        ["layout.offsetof.virtio_net_hdr_v1.num_buffers"] = NetLayout.HeaderNumBuffersOffset,
        ["layout.sizeof.virtio_net_config"] = NetLayout.Config.Size,
        ["layout.offsetof.virtio_net_config.mac"] = NetLayout.Config.Mac,
        ["layout.offsetof.virtio_net_config.status"] = NetLayout.Config.Status,
        ["layout.offsetof.virtio_net_config.max_virtqueue_pairs"] = NetLayout.Config.MaxVirtqueuePairs,
        ["layout.offsetof.virtio_net_config.mtu"] = NetLayout.Config.Mtu,
        ["layout.offsetof.virtio_net_config.speed"] = NetLayout.Config.Speed,
        ["layout.offsetof.virtio_net_config.duplex"] = NetLayout.Config.Duplex,
        ["layout.offsetof.virtio_net_config.rss_max_key_size"] = NetLayout.Config.RssMaxKeySize,
        ["layout.offsetof.virtio_net_config.rss_max_indirection_table_length"] = NetLayout.Config.RssMaxIndirectionTableLength,
        ["layout.offsetof.virtio_net_config.supported_hash_types"] = NetLayout.Config.SupportedHashTypes,
        ["layout.sizeof.virtio_net_ctrl_hdr"] = NetLayout.Control.HeaderSize,
        ["layout.offsetof.virtio_net_ctrl_hdr.class"] = NetLayout.Control.ClassOffset,
        ["layout.offsetof.virtio_net_ctrl_hdr.cmd"] = NetLayout.Control.CommandOffset,
        ["layout.sizeof.virtio_net_ctrl_mq"] = NetLayout.Control.MqSize,
        ["layout.offsetof.virtio_net_ctrl_mq.virtqueue_pairs"] = NetLayout.Control.MqVirtqueuePairsOffset,
        ["flag.VIRTIO_NET_HDR_F_NEEDS_CSUM"] = NetLayout.FlagNeedsCsum,
        ["flag.VIRTIO_NET_HDR_F_DATA_VALID"] = NetLayout.FlagDataValid,
        ["flag.VIRTIO_NET_HDR_F_RSC_INFO"] = NetLayout.FlagRscInfo,
        ["gso.VIRTIO_NET_HDR_GSO_NONE"] = NetLayout.GsoNone,
        ["gso.VIRTIO_NET_HDR_GSO_TCPV4"] = NetLayout.GsoTcpV4,
        ["gso.VIRTIO_NET_HDR_GSO_UDP"] = NetLayout.GsoUdp,
        ["gso.VIRTIO_NET_HDR_GSO_TCPV6"] = NetLayout.GsoTcpV6,
        ["gso.VIRTIO_NET_HDR_GSO_UDP_L4"] = NetLayout.GsoUdpL4,
        ["gso.VIRTIO_NET_HDR_GSO_ECN"] = NetLayout.GsoEcn,
        ["status.VIRTIO_NET_S_LINK_UP"] = NetLayout.StatusLinkUp,
        ["status.VIRTIO_NET_S_ANNOUNCE"] = NetLayout.StatusAnnounce,
        ["feature.VIRTIO_NET_F_CSUM"] = Bit(NetFeatures.Csum),
        ["feature.VIRTIO_NET_F_GUEST_CSUM"] = Bit(NetFeatures.GuestCsum),
        ["feature.VIRTIO_NET_F_MTU"] = Bit(NetFeatures.Mtu),
        ["feature.VIRTIO_NET_F_MAC"] = Bit(NetFeatures.Mac),
        ["feature.VIRTIO_NET_F_GUEST_TSO4"] = Bit(NetFeatures.GuestTso4),
        ["feature.VIRTIO_NET_F_GUEST_TSO6"] = Bit(NetFeatures.GuestTso6),
        ["feature.VIRTIO_NET_F_GUEST_ECN"] = Bit(NetFeatures.GuestEcn),
        ["feature.VIRTIO_NET_F_GUEST_UFO"] = Bit(NetFeatures.GuestUfo),
        ["feature.VIRTIO_NET_F_HOST_TSO4"] = Bit(NetFeatures.HostTso4),
        ["feature.VIRTIO_NET_F_HOST_TSO6"] = Bit(NetFeatures.HostTso6),
        ["feature.VIRTIO_NET_F_HOST_ECN"] = Bit(NetFeatures.HostEcn),
        ["feature.VIRTIO_NET_F_HOST_UFO"] = Bit(NetFeatures.HostUfo),
        ["feature.VIRTIO_NET_F_MRG_RXBUF"] = Bit(NetFeatures.MrgRxbuf),
        ["feature.VIRTIO_NET_F_STATUS"] = Bit(NetFeatures.Status),
        ["feature.VIRTIO_NET_F_CTRL_VQ"] = Bit(NetFeatures.CtrlVq),
        ["feature.VIRTIO_NET_F_MQ"] = Bit(NetFeatures.Mq),
        ["feature.VIRTIO_NET_F_HOST_USO"] = Bit(NetFeatures.HostUso),
        ["feature.VIRTIO_NET_F_RSS"] = Bit(NetFeatures.Rss),
        ["feature.VIRTIO_NET_F_SPEED_DUPLEX"] = Bit(NetFeatures.SpeedDuplex),
        ["ctrl.VIRTIO_NET_OK"] = NetLayout.Control.AckOk,
        ["ctrl.VIRTIO_NET_ERR"] = NetLayout.Control.AckError,
        ["ctrl.VIRTIO_NET_CTRL_MQ"] = NetLayout.Control.ClassMq,
        ["ctrl.VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET"] = NetLayout.Control.MqVqPairsSet,
        ["ctrl.VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN"] = NetLayout.Control.MqVqPairsMin,
        ["ctrl.VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MAX"] = NetLayout.Control.MqVqPairsMax,
        ["const.ETH_ALEN"] = NetLayout.Config.MacLength,
    };

    /// <summary>Keys some linux-libc-dev versions lack (USO is virtio 1.2; RSS and the config fields after duplex came later than 1.0).</summary>
    private static readonly HashSet<string> NewerThanSomeHeaders =
    [
        "gso.VIRTIO_NET_HDR_GSO_UDP_L4", "feature.VIRTIO_NET_F_HOST_USO", "feature.VIRTIO_NET_F_RSS",
        "layout.sizeof.virtio_net_config", "layout.offsetof.virtio_net_config.rss_max_key_size",
        "layout.offsetof.virtio_net_config.rss_max_indirection_table_length",
        "layout.offsetof.virtio_net_config.supported_hash_types",
    ];

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(Load);

    [Fact]
    public void Every_line_linux_prints_has_a_net_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: 53);
    }

    [Fact]
    public void Every_net_constant_is_compared_unless_newer_than_the_installed_header()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, NewerThanSomeHeaders, "linux_virtio_net_golden.c");
    }

    [Fact]
    public void The_packet_header_config_and_control_layouts_match_linux()
    {
        var layout = LazyLines.Value.Where(l => l.Key.StartsWith("layout.", StringComparison.Ordinal)).ToList();
        Assert.Equal(19, layout.Count(l => !NewerThanSomeHeaders.Contains(l.Key)));
        Assert.All(layout, l => Assert.Equal(l.Value, Counterparts[l.Key]));
    }

    private static ulong Bit(ulong mask) => (ulong)BitOperations.Log2(mask);

    private static IReadOnlyList<(int Number, string Key, ulong Value)> Load() => GoldenLines.Load("linux_virtio_net_golden.c");
}
