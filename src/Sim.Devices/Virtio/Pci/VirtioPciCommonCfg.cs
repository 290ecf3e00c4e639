namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// <c>struct virtio_pci_common_cfg</c>, the common configuration structure (virtio 1.2, 4.1.4.3; Linux
/// <c>VIRTIO_PCI_COMMON_*</c> in <c>include/uapi/linux/virtio_pci.h</c>). Offsets from the structure's start; every
/// field is little-endian and is accessed with exactly its own width (4.1.3.1); the 64-bit queue addresses are two
/// 32-bit halves, low first. This model presents the structure up to and including queue_reset (<see cref="Length"/>
/// = 60 bytes): the administration-queue fields of <c>virtio_pci_modern_common_cfg</c> exist only with
/// VIRTIO_F_ADMIN_VQ, which it never offers.
/// </summary>
public static partial class VirtioPciCommonCfg
{
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
