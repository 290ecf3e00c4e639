namespace Sim.Devices.Virtio;

/// <summary>
/// Reserved (transport and ring) feature bits, as masks (virtio 1.2, 6 "Reserved Feature Bits";
/// Linux <c>include/uapi/linux/virtio_config.h</c>, <c>virtio_ring.h</c>). Device-specific bits are 0 to 23.
/// </summary>
public static class VirtioFeatures
{
    /// <summary>VIRTIO_RING_F_INDIRECT_DESC (28): descriptors may point to indirect tables.</summary>
    public const ulong IndirectDesc = 1UL << 28;
    /// <summary>VIRTIO_RING_F_EVENT_IDX (29): used_event / avail_event notification suppression.</summary>
    public const ulong EventIdx = 1UL << 29;
    /// <summary>VIRTIO_F_VERSION_1 (32): compliance with virtio 1.0 or later.</summary>
    public const ulong Version1 = 1UL << 32;
    /// <summary>VIRTIO_F_ACCESS_PLATFORM (33): the device reaches memory through the platform's IOMMU or grants.</summary>
    public const ulong AccessPlatform = 1UL << 33;
    /// <summary>VIRTIO_F_RING_PACKED (34): packed virtqueue layout.</summary>
    public const ulong RingPacked = 1UL << 34;
    /// <summary>VIRTIO_F_IN_ORDER (35): buffers are used in the order they were made available.</summary>
    public const ulong InOrder = 1UL << 35;
    /// <summary>VIRTIO_F_ORDER_PLATFORM (36).</summary>
    public const ulong OrderPlatform = 1UL << 36;
    /// <summary>VIRTIO_F_SR_IOV (37).</summary>
    public const ulong SrIov = 1UL << 37;
    /// <summary>VIRTIO_F_NOTIFICATION_DATA (38): the notify write carries the next available position.</summary>
    public const ulong NotificationData = 1UL << 38;
    /// <summary>VIRTIO_F_NOTIF_CONFIG_DATA (39).</summary>
    public const ulong NotifConfigData = 1UL << 39;
    /// <summary>VIRTIO_F_RING_RESET (40): single queues can be reset.</summary>
    public const ulong RingReset = 1UL << 40;

    /// <summary>Whether every bit of <paramref name="feature"/> is in <paramref name="features"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
