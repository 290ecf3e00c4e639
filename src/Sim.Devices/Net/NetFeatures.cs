namespace Sim.Devices.Net;

/// <summary>
/// virtio-net feature bits the model uses (virtio 1.2, 5.1.3; Linux <c>virtio_net.h</c> VIRTIO_NET_F_*), as masks like
/// <see cref="Virtio.VirtioFeatures"/>.
/// </summary>
public static class NetFeatures
{
    /// <summary>VIRTIO_NET_F_CSUM (0): the device takes packets with a partial checksum (NEEDS_CSUM on transmit).</summary>
    public const ulong Csum = 1UL << 0;
    /// <summary>VIRTIO_NET_F_GUEST_CSUM (1): the driver takes received packets with a partial checksum.</summary>
    public const ulong GuestCsum = 1UL << 1;
    /// <summary>VIRTIO_NET_F_MTU (3): config <c>mtu</c> is valid.</summary>
    public const ulong Mtu = 1UL << 3;
    /// <summary>VIRTIO_NET_F_MAC (5): config <c>mac</c> is valid.</summary>
    public const ulong Mac = 1UL << 5;
    /// <summary>VIRTIO_NET_F_GUEST_TSO4 (7): the driver takes TSOv4 packets.</summary>
    public const ulong GuestTso4 = 1UL << 7;
    /// <summary>VIRTIO_NET_F_GUEST_TSO6 (8): the driver takes TSOv6 packets.</summary>
    public const ulong GuestTso6 = 1UL << 8;
    /// <summary>VIRTIO_NET_F_GUEST_ECN (9): the driver takes TSO packets with ECN.</summary>
    public const ulong GuestEcn = 1UL << 9;
    /// <summary>VIRTIO_NET_F_GUEST_UFO (10): the driver takes UFO packets.</summary>
    public const ulong GuestUfo = 1UL << 10;
    /// <summary>VIRTIO_NET_F_HOST_TSO4 (11): the device segments TSOv4 packets (gso_type TCPV4).</summary>
    public const ulong HostTso4 = 1UL << 11;
    /// <summary>VIRTIO_NET_F_HOST_TSO6 (12): the device segments TSOv6 packets (gso_type TCPV6).</summary>
    public const ulong HostTso6 = 1UL << 12;
    /// <summary>VIRTIO_NET_F_HOST_ECN (13): the device segments TSO packets with ECN (gso_type | ECN).</summary>
    public const ulong HostEcn = 1UL << 13;
    /// <summary>VIRTIO_NET_F_HOST_UFO (14): the device fragments UFO packets (gso_type UDP).</summary>
    public const ulong HostUfo = 1UL << 14;
    /// <summary>VIRTIO_NET_F_MRG_RXBUF (15): a received packet may span several receive buffers (5.1.6.4).</summary>
    public const ulong MrgRxbuf = 1UL << 15;
    /// <summary>VIRTIO_NET_F_STATUS (16): config <c>status</c> is valid.</summary>
    public const ulong Status = 1UL << 16;
    /// <summary>VIRTIO_NET_F_CTRL_VQ (17): a control virtqueue exists.</summary>
    public const ulong CtrlVq = 1UL << 17;
    /// <summary>VIRTIO_NET_F_MQ (22): several receive/transmit queue pairs, chosen with VIRTIO_NET_CTRL_MQ.</summary>
    public const ulong Mq = 1UL << 22;
    /// <summary>VIRTIO_NET_F_HOST_USO (56): the device segments UDP packets (gso_type UDP_L4; newer than some Linux headers).</summary>
    public const ulong HostUso = 1UL << 56;
    /// <summary>VIRTIO_NET_F_RSS (60): receive-side scaling steering.</summary>
    public const ulong Rss = 1UL << 60;
    /// <summary>VIRTIO_NET_F_SPEED_DUPLEX (63): config <c>speed</c> and <c>duplex</c> are valid.</summary>
    public const ulong SpeedDuplex = 1UL << 63;

    /// <summary>The GUEST_* segmentation features after which a receive packet may exceed one MTU-sized frame (5.1.6.3.1).</summary>
    public const ulong GuestGso = GuestTso4 | GuestTso6 | GuestUfo;

    /// <summary>Whether <paramref name="features"/> holds every bit of <paramref name="feature"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
