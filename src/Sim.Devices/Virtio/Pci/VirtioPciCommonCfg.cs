namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// <c>struct virtio_pci_common_cfg</c>, the common configuration structure (virtio 1.2, 4.1.4.3; Linux
/// <c>VIRTIO_PCI_COMMON_*</c> in <c>include/uapi/linux/virtio_pci.h</c>). Offsets from the structure's start; every
/// field is little-endian and is accessed with exactly its own width (4.1.3.1); the 64-bit queue addresses are two
/// 32-bit halves, low first. This model presents the structure up to and including queue_reset (<see cref="Length"/>
/// = 60 bytes): the administration-queue fields of <c>virtio_pci_modern_common_cfg</c> exist only with
/// VIRTIO_F_ADMIN_VQ, which it never offers.
/// </summary>
public static class VirtioPciCommonCfg
{
    /// <summary>device_feature_select (RW, le32), <c>VIRTIO_PCI_COMMON_DFSELECT</c>.</summary>
    public const int DeviceFeatureSelect = 0;
    /// <summary>device_feature (RO, le32), <c>VIRTIO_PCI_COMMON_DF</c>: feature bits 32·select to 32·select+31.</summary>
    public const int DeviceFeature = 4;
    /// <summary>driver_feature_select (RW, le32; Linux guest_feature_select), <c>VIRTIO_PCI_COMMON_GFSELECT</c>.</summary>
    public const int DriverFeatureSelect = 8;
    /// <summary>driver_feature (RW, le32; Linux guest_feature), <c>VIRTIO_PCI_COMMON_GF</c>.</summary>
    public const int DriverFeature = 12;
    /// <summary>config_msix_vector (RW, le16; Linux msix_config), <c>VIRTIO_PCI_COMMON_MSIX</c>.</summary>
    public const int MsixConfig = 16;
    /// <summary>num_queues (RO, le16), <c>VIRTIO_PCI_COMMON_NUMQ</c>.</summary>
    public const int NumQueues = 18;
    /// <summary>device_status (RW, u8), <c>VIRTIO_PCI_COMMON_STATUS</c>: writing 0 resets the device.</summary>
    public const int DeviceStatus = 20;
    /// <summary>config_generation (RO, u8), <c>VIRTIO_PCI_COMMON_CFGGENERATION</c>.</summary>
    public const int ConfigGeneration = 21;
    /// <summary>queue_select (RW, le16), <c>VIRTIO_PCI_COMMON_Q_SELECT</c>.</summary>
    public const int QueueSelect = 22;
    /// <summary>queue_size (RW, le16), <c>VIRTIO_PCI_COMMON_Q_SIZE</c>: the maximum after reset, 0 if the queue is unavailable.</summary>
    public const int QueueSize = 24;
    /// <summary>queue_msix_vector (RW, le16), <c>VIRTIO_PCI_COMMON_Q_MSIX</c>.</summary>
    public const int QueueMsixVector = 26;
    /// <summary>queue_enable (RW, le16), <c>VIRTIO_PCI_COMMON_Q_ENABLE</c>.</summary>
    public const int QueueEnable = 28;
    /// <summary>queue_notify_off (RO, le16), <c>VIRTIO_PCI_COMMON_Q_NOFF</c>: not bytes; times notify_off_multiplier (4.1.4.4).</summary>
    public const int QueueNotifyOff = 30;
    /// <summary>queue_desc low half (RW, le32), <c>VIRTIO_PCI_COMMON_Q_DESCLO</c>.</summary>
    public const int QueueDescLow = 32;
    /// <summary>queue_desc high half, <c>VIRTIO_PCI_COMMON_Q_DESCHI</c>.</summary>
    public const int QueueDescHigh = 36;
    /// <summary>queue_driver low half (Linux queue_avail_lo), <c>VIRTIO_PCI_COMMON_Q_AVAILLO</c>.</summary>
    public const int QueueDriverLow = 40;
    /// <summary>queue_driver high half, <c>VIRTIO_PCI_COMMON_Q_AVAILHI</c>.</summary>
    public const int QueueDriverHigh = 44;
    /// <summary>queue_device low half (Linux queue_used_lo), <c>VIRTIO_PCI_COMMON_Q_USEDLO</c>.</summary>
    public const int QueueDeviceLow = 48;
    /// <summary>queue_device high half, <c>VIRTIO_PCI_COMMON_Q_USEDHI</c>.</summary>
    public const int QueueDeviceHigh = 52;
    /// <summary>queue_notify_data (RO, le16), <c>VIRTIO_PCI_COMMON_Q_NDATA</c>: used with VIRTIO_F_NOTIF_CONFIG_DATA.</summary>
    public const int QueueNotifyData = 56;
    /// <summary>queue_reset (RW, le16), <c>VIRTIO_PCI_COMMON_Q_RESET</c>: 1 resets the selected queue (VIRTIO_F_RING_RESET).</summary>
    public const int QueueReset = 58;
    /// <summary>admin_queue_index (<c>VIRTIO_PCI_COMMON_ADM_Q_IDX</c>): outside the structure this model presents.</summary>
    public const int AdminQueueIndex = 60;
    /// <summary>admin_queue_num (<c>VIRTIO_PCI_COMMON_ADM_Q_NUM</c>): outside the structure this model presents.</summary>
    public const int AdminQueueNum = 62;

    /// <summary>sizeof(struct virtio_pci_common_cfg): the fields up to queue_used_hi; the least a driver maps (Linux <c>vp_modern_probe</c>).</summary>
    public const int StructSize = 56;
    /// <summary>sizeof(struct virtio_pci_modern_common_cfg): up to admin_queue_num.</summary>
    public const int ModernStructSize = 64;
    /// <summary>The length this model presents in the common capability: up to and including queue_reset.</summary>
    public const int Length = QueueReset + 2;

    /// <summary>VIRTIO_MSI_NO_VECTOR: the vector value that maps an event to no MSI-X vector (4.1.5.1.2).</summary>
    public const ushort NoVector = 0xffff;

    /// <summary>Every field of the structure as presented, in offset order.</summary>
    public static readonly IReadOnlyList<CommonCfgField> Fields =
    [
        new("device_feature_select", DeviceFeatureSelect, 4, false),
        new("device_feature", DeviceFeature, 4, true),
        new("driver_feature_select", DriverFeatureSelect, 4, false),
        new("driver_feature", DriverFeature, 4, false),
        new("config_msix_vector", MsixConfig, 2, false),
        new("num_queues", NumQueues, 2, true),
        new("device_status", DeviceStatus, 1, false),
        new("config_generation", ConfigGeneration, 1, true),
        new("queue_select", QueueSelect, 2, false),
        new("queue_size", QueueSize, 2, false),
        new("queue_msix_vector", QueueMsixVector, 2, false),
        new("queue_enable", QueueEnable, 2, false),
        new("queue_notify_off", QueueNotifyOff, 2, true),
        new("queue_desc_lo", QueueDescLow, 4, false),
        new("queue_desc_hi", QueueDescHigh, 4, false),
        new("queue_driver_lo", QueueDriverLow, 4, false),
        new("queue_driver_hi", QueueDriverHigh, 4, false),
        new("queue_device_lo", QueueDeviceLow, 4, false),
        new("queue_device_hi", QueueDeviceHigh, 4, false),
        new("queue_notify_data", QueueNotifyData, 2, true),
        new("queue_reset", QueueReset, 2, false),
    ];

    /// <summary>The field that covers byte <paramref name="offset"/> of the structure; false past <see cref="Length"/>.</summary>
    public static bool TryFind(int offset, out CommonCfgField field)
    {
        foreach (var candidate in Fields)
        {
            if (offset >= candidate.Offset && offset < candidate.Offset + candidate.Width)
            {
                field = candidate;
                return true;
            }
        }
        field = default;
        return false;
    }
}

/// <summary>One field of <c>struct virtio_pci_common_cfg</c> (virtio 1.2, 4.1.4.3). Plain data.</summary>
/// <param name="Name">The field's name in the spec.</param>
/// <param name="Offset">Byte offset in the structure.</param>
/// <param name="Width">Width in bytes (1, 2 or 4); the only access width allowed (4.1.3.1).</param>
/// <param name="ReadOnly">The driver must not write it (4.1.4.3.2).</param>
public readonly record struct CommonCfgField(string Name, int Offset, int Width, bool ReadOnly)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} (common+{Offset})";
}
