namespace Sim.Devices.Net;

/// <summary>
/// The virtio-net wire format (virtio 1.2, 5.1; Linux <c>include/uapi/linux/virtio_net.h</c>): the packet header
/// <c>struct virtio_net_hdr_v1</c> (5.1.6), its flags and GSO types, the link status bits, the receive buffer sizes of
/// 5.1.6.3.1 and the control queue's header, ack values and multiqueue command (5.1.6.5). Every field is little-endian
/// (VIRTIO_F_VERSION_1). Every value is checked against the installed Linux header by <c>NetLayoutGoldenTests</c>.
/// </summary>
public static class NetLayout
{
    /// <summary>
    /// <c>sizeof(struct virtio_net_hdr_v1)</c>: flags u8 @0, gso_type u8 @1, hdr_len le16 @2, gso_size le16 @4,
    /// csum_start le16 @6, csum_offset le16 @8, num_buffers le16 @10 (5.1.6). With VERSION_1 the header always has
    /// num_buffers, with or without VIRTIO_NET_F_MRG_RXBUF.
    /// </summary>
    public const int HeaderSize = 12;

    /// <summary><c>offsetof(virtio_net_hdr_v1, flags)</c>.</summary>
    public const int HeaderFlagsOffset = 0;
    /// <summary><c>offsetof(virtio_net_hdr_v1, gso_type)</c>.</summary>
    public const int HeaderGsoTypeOffset = 1;
    /// <summary><c>offsetof(virtio_net_hdr_v1, hdr_len)</c>: Ethernet + IP + TCP/UDP header bytes.</summary>
    public const int HeaderHdrLenOffset = 2;
    /// <summary><c>offsetof(virtio_net_hdr_v1, gso_size)</c>: the MSS, payload bytes per segment.</summary>
    public const int HeaderGsoSizeOffset = 4;
    /// <summary><c>offsetof(virtio_net_hdr_v1, csum_start)</c>: where checksumming starts (with NEEDS_CSUM).</summary>
    public const int HeaderCsumStartOffset = 6;
    /// <summary><c>offsetof(virtio_net_hdr_v1, csum_offset)</c>: where, after csum_start, the checksum goes.</summary>
    public const int HeaderCsumOffsetOffset = 8;
    /// <summary><c>offsetof(virtio_net_hdr_v1, num_buffers)</c>: receive buffers the packet spans (5.1.6.4).</summary>
    public const int HeaderNumBuffersOffset = 10;

    /// <summary>VIRTIO_NET_HDR_F_NEEDS_CSUM: the device completes the checksum at csum_start + csum_offset.</summary>
    public const byte FlagNeedsCsum = 1;
    /// <summary>VIRTIO_NET_HDR_F_DATA_VALID: the checksum was validated (receive only, VIRTIO_NET_F_GUEST_CSUM).</summary>
    public const byte FlagDataValid = 2;
    /// <summary>VIRTIO_NET_HDR_F_RSC_INFO: the csum fields hold coalescing counts (receive only, VIRTIO_NET_F_RSC_EXT).</summary>
    public const byte FlagRscInfo = 4;

    /// <summary>VIRTIO_NET_HDR_GSO_NONE: not a GSO frame.</summary>
    public const byte GsoNone = 0;
    /// <summary>VIRTIO_NET_HDR_GSO_TCPV4: IPv4 TCP segmentation (TSO).</summary>
    public const byte GsoTcpV4 = 1;
    /// <summary>VIRTIO_NET_HDR_GSO_UDP: IPv4 UDP fragmentation (UFO).</summary>
    public const byte GsoUdp = 3;
    /// <summary>VIRTIO_NET_HDR_GSO_TCPV6: IPv6 TCP segmentation.</summary>
    public const byte GsoTcpV6 = 4;
    /// <summary>VIRTIO_NET_HDR_GSO_UDP_L4: UDP segmentation (USO; virtio 1.2, newer than some Linux headers).</summary>
    public const byte GsoUdpL4 = 5;
    /// <summary>VIRTIO_NET_HDR_GSO_ECN: the TCP segments carry ECN (a bit OR-ed into a TCP gso_type).</summary>
    public const byte GsoEcn = 0x80;

    /// <summary>VIRTIO_NET_S_LINK_UP: bit of config <c>status</c> (VIRTIO_NET_F_STATUS).</summary>
    public const ushort StatusLinkUp = 1;
    /// <summary>VIRTIO_NET_S_ANNOUNCE: the driver should announce itself (VIRTIO_NET_F_GUEST_ANNOUNCE).</summary>
    public const ushort StatusAnnounce = 2;

    /// <summary>
    /// Receive buffer size a driver SHOULD post without VIRTIO_NET_F_MRG_RXBUF when any GUEST_TSO4/TSO6/UFO/USO is
    /// negotiated (5.1.6.3.1): a 12-byte header plus the largest GSO packet. Firecracker's MAX_BUFFER_SIZE.
    /// </summary>
    public const int BigPacketBufferSize = 65562;

    /// <summary>
    /// Receive buffer size a driver SHOULD post without VIRTIO_NET_F_MRG_RXBUF and without guest GSO (5.1.6.3.1):
    /// a 1514-byte Ethernet frame (no FCS) plus the 12-byte header.
    /// </summary>
    public const int SmallPacketBufferSize = 1526;

    /// <summary>Offsets of <c>struct virtio_net_config</c> (5.1.4), packed, every field little-endian.</summary>
    public static class Config
    {
        /// <summary>mac[6] (VIRTIO_NET_F_MAC).</summary>
        public const int Mac = 0;
        /// <summary>Bytes of <see cref="Mac"/> (ETH_ALEN).</summary>
        public const int MacLength = 6;
        /// <summary>status le16 (VIRTIO_NET_F_STATUS): <see cref="StatusLinkUp"/>, <see cref="StatusAnnounce"/>.</summary>
        public const int Status = 6;
        /// <summary>max_virtqueue_pairs le16 (VIRTIO_NET_F_MQ or VIRTIO_NET_F_RSS), 1 to 0x8000.</summary>
        public const int MaxVirtqueuePairs = 8;
        /// <summary>mtu le16 (VIRTIO_NET_F_MTU).</summary>
        public const int Mtu = 10;
        /// <summary>speed le32 in Mb/s (VIRTIO_NET_F_SPEED_DUPLEX); 0xffffffff is unknown.</summary>
        public const int Speed = 12;
        /// <summary>duplex u8 (VIRTIO_NET_F_SPEED_DUPLEX): 0 half, 1 full, 0xff unknown.</summary>
        public const int Duplex = 16;
        /// <summary>rss_max_key_size u8 (VIRTIO_NET_F_RSS).</summary>
        public const int RssMaxKeySize = 17;
        /// <summary>rss_max_indirection_table_length le16 (VIRTIO_NET_F_RSS).</summary>
        public const int RssMaxIndirectionTableLength = 18;
        /// <summary>supported_hash_types le32 (VIRTIO_NET_F_RSS or VIRTIO_NET_F_HASH_REPORT).</summary>
        public const int SupportedHashTypes = 20;
        /// <summary><c>sizeof(struct virtio_net_config)</c> with every field up to supported_hash_types.</summary>
        public const int Size = 24;

        /// <summary>Config <c>speed</c> value for an unknown link speed (5.1.4).</summary>
        public const uint SpeedUnknown = 0xffffffff;
        /// <summary>Config <c>duplex</c>: half duplex.</summary>
        public const byte DuplexHalf = 0;
        /// <summary>Config <c>duplex</c>: full duplex.</summary>
        public const byte DuplexFull = 1;
        /// <summary>Config <c>duplex</c>: unknown.</summary>
        public const byte DuplexUnknown = 0xff;
    }

    /// <summary>
    /// The control virtqueue (5.1.6.5): a readable <c>struct virtio_net_ctrl_hdr</c> {class u8, command u8}, readable
    /// command data, then one writable ack byte.
    /// </summary>
    public static class Control
    {
        /// <summary><c>sizeof(struct virtio_net_ctrl_hdr)</c>.</summary>
        public const int HeaderSize = 2;
        /// <summary><c>offsetof(virtio_net_ctrl_hdr, class)</c>.</summary>
        public const int ClassOffset = 0;
        /// <summary><c>offsetof(virtio_net_ctrl_hdr, cmd)</c>.</summary>
        public const int CommandOffset = 1;
        /// <summary>Size of the ack (<c>virtio_net_ctrl_ack</c>, u8) the device writes last.</summary>
        public const int AckSize = 1;

        /// <summary>VIRTIO_NET_OK: the command was applied.</summary>
        public const byte AckOk = 0;
        /// <summary>VIRTIO_NET_ERR: the command was refused.</summary>
        public const byte AckError = 1;

        /// <summary>VIRTIO_NET_CTRL_MQ: the multiqueue class (5.1.6.5.5).</summary>
        public const byte ClassMq = 4;
        /// <summary>VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET: data is <c>struct virtio_net_ctrl_mq</c> {virtqueue_pairs le16}.</summary>
        public const byte MqVqPairsSet = 0;
        /// <summary>VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN: the fewest pairs a VQ_PAIRS_SET may ask for.</summary>
        public const ushort MqVqPairsMin = 1;
        /// <summary>VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MAX: the most pairs any device offers.</summary>
        public const ushort MqVqPairsMax = 0x8000;
        /// <summary><c>sizeof(struct virtio_net_ctrl_mq)</c>.</summary>
        public const int MqSize = 2;
        /// <summary><c>offsetof(virtio_net_ctrl_mq, virtqueue_pairs)</c>.</summary>
        public const int MqVirtqueuePairsOffset = 0;
    }
}
