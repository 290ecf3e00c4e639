using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// virtio-mmio register offsets from the device's base address (virtio 1.2, 4.2.2, table "MMIO Device Register
/// Layout"; Linux <c>include/uapi/linux/virtio_mmio.h</c>, whose <c>VIRTIO_MMIO_*</c> name each constant gives).
/// Control registers are 32 bits wide, little-endian, and only accessed with aligned 32-bit accesses (4.2.2.2); the
/// device-specific configuration space from <see cref="Config"/> on takes 8-, 16- and 32-bit accesses.
/// Direction: R read-only, W write-only, RW both; the driver must not read a W register nor write an R one.
/// </summary>
public static class MmioRegister
{
    /// <summary>"virt" in little-endian: the value of <see cref="MagicValue"/> (4.2.2.1).</summary>
    public const uint MmioMagic = 0x74726976;
    /// <summary>The value of <see cref="Version"/> for a virtio 1.x (non-legacy) device (4.2.2.1).</summary>
    public const uint CurrentVersion = 2;
    /// <summary>The value of <see cref="Version"/> for a legacy device (4.2.4); this transport does not implement it.</summary>
    public const uint LegacyVersion = 1;

    /// <summary>MagicValue (R), <c>VIRTIO_MMIO_MAGIC_VALUE</c>: always <see cref="MmioMagic"/>.</summary>
    public const ulong MagicValue = 0x000;
    /// <summary>Version (R), <c>VIRTIO_MMIO_VERSION</c>: <see cref="CurrentVersion"/>.</summary>
    public const ulong Version = 0x004;
    /// <summary>DeviceID (R), <c>VIRTIO_MMIO_DEVICE_ID</c>: the virtio device type; 0 is a placeholder.</summary>
    public const ulong DeviceId = 0x008;
    /// <summary>VendorID (R), <c>VIRTIO_MMIO_VENDOR_ID</c>.</summary>
    public const ulong VendorId = 0x00c;
    /// <summary>DeviceFeatures (R), <c>VIRTIO_MMIO_DEVICE_FEATURES</c>: feature bits 32·sel to 32·sel+31 of the device.</summary>
    public const ulong DeviceFeatures = 0x010;
    /// <summary>DeviceFeaturesSel (W), <c>VIRTIO_MMIO_DEVICE_FEATURES_SEL</c>: selects the 32-bit window of <see cref="DeviceFeatures"/>.</summary>
    public const ulong DeviceFeaturesSel = 0x014;
    /// <summary>DriverFeatures (W), <c>VIRTIO_MMIO_DRIVER_FEATURES</c>: feature bits 32·sel to 32·sel+31 the driver accepts.</summary>
    public const ulong DriverFeatures = 0x020;
    /// <summary>DriverFeaturesSel (W), <c>VIRTIO_MMIO_DRIVER_FEATURES_SEL</c>: selects the 32-bit window of <see cref="DriverFeatures"/>.</summary>
    public const ulong DriverFeaturesSel = 0x024;
    /// <summary>Legacy GuestPageSize, <c>VIRTIO_MMIO_GUEST_PAGE_SIZE</c>: not a register of a version 2 device (4.2.4).</summary>
    public const ulong LegacyGuestPageSize = 0x028;
    /// <summary>QueueSel (W), <c>VIRTIO_MMIO_QUEUE_SEL</c>: the queue the Queue* registers apply to.</summary>
    public const ulong QueueSel = 0x030;
    /// <summary>QueueNumMax (R), <c>VIRTIO_MMIO_QUEUE_NUM_MAX</c>: largest size of the selected queue; 0 if it is not available.</summary>
    public const ulong QueueNumMax = 0x034;
    /// <summary>QueueNum (W), <c>VIRTIO_MMIO_QUEUE_NUM</c>: the size the driver uses for the selected queue.</summary>
    public const ulong QueueNum = 0x038;
    /// <summary>Legacy QueueAlign, <c>VIRTIO_MMIO_QUEUE_ALIGN</c>: not a register of a version 2 device (4.2.4).</summary>
    public const ulong LegacyQueueAlign = 0x03c;
    /// <summary>Legacy QueuePFN, <c>VIRTIO_MMIO_QUEUE_PFN</c>: not a register of a version 2 device (4.2.4).</summary>
    public const ulong LegacyQueuePfn = 0x040;
    /// <summary>QueueReady (RW), <c>VIRTIO_MMIO_QUEUE_READY</c>: 1 lets the device use the selected queue.</summary>
    public const ulong QueueReady = 0x044;
    /// <summary>QueueNotify (W), <c>VIRTIO_MMIO_QUEUE_NOTIFY</c>: available buffer notification (queue index, or notification data).</summary>
    public const ulong QueueNotify = 0x050;
    /// <summary>InterruptStatus (R), <c>VIRTIO_MMIO_INTERRUPT_STATUS</c>: see <see cref="MmioInterrupt"/>.</summary>
    public const ulong InterruptStatus = 0x060;
    /// <summary>InterruptACK (W), <c>VIRTIO_MMIO_INTERRUPT_ACK</c>: clears the written <see cref="MmioInterrupt"/> bits.</summary>
    public const ulong InterruptAck = 0x064;
    /// <summary>Status (RW), <c>VIRTIO_MMIO_STATUS</c>: the <see cref="DeviceStatus"/>; writing 0 resets the device.</summary>
    public const ulong Status = 0x070;
    /// <summary>QueueDescLow (W), <c>VIRTIO_MMIO_QUEUE_DESC_LOW</c>: low half of the Descriptor Area address.</summary>
    public const ulong QueueDescLow = 0x080;
    /// <summary>QueueDescHigh (W), <c>VIRTIO_MMIO_QUEUE_DESC_HIGH</c>: high half of the Descriptor Area address.</summary>
    public const ulong QueueDescHigh = 0x084;
    /// <summary>QueueDriverLow (W), <c>VIRTIO_MMIO_QUEUE_AVAIL_LOW</c>: low half of the Driver Area (available ring) address.</summary>
    public const ulong QueueDriverLow = 0x090;
    /// <summary>QueueDriverHigh (W), <c>VIRTIO_MMIO_QUEUE_AVAIL_HIGH</c>: high half of the Driver Area address.</summary>
    public const ulong QueueDriverHigh = 0x094;
    /// <summary>QueueDeviceLow (W), <c>VIRTIO_MMIO_QUEUE_USED_LOW</c>: low half of the Device Area (used ring) address.</summary>
    public const ulong QueueDeviceLow = 0x0a0;
    /// <summary>QueueDeviceHigh (W), <c>VIRTIO_MMIO_QUEUE_USED_HIGH</c>: high half of the Device Area address.</summary>
    public const ulong QueueDeviceHigh = 0x0a4;
    /// <summary>SHMSel (W), <c>VIRTIO_MMIO_SHM_SEL</c>: selects a shared memory region.</summary>
    public const ulong ShmSel = 0x0ac;
    /// <summary>SHMLenLow (R), <c>VIRTIO_MMIO_SHM_LEN_LOW</c>: low half of the region's length (all ones: no such region).</summary>
    public const ulong ShmLenLow = 0x0b0;
    /// <summary>SHMLenHigh (R), <c>VIRTIO_MMIO_SHM_LEN_HIGH</c>: high half of the region's length.</summary>
    public const ulong ShmLenHigh = 0x0b4;
    /// <summary>SHMBaseLow (R), <c>VIRTIO_MMIO_SHM_BASE_LOW</c>: low half of the region's base address.</summary>
    public const ulong ShmBaseLow = 0x0b8;
    /// <summary>SHMBaseHigh (R), <c>VIRTIO_MMIO_SHM_BASE_HIGH</c>: high half of the region's base address.</summary>
    public const ulong ShmBaseHigh = 0x0bc;
    /// <summary>QueueReset (RW), virtio 1.2 table (newer than some <c>virtio_mmio.h</c>): 1 resets the selected queue (needs VIRTIO_F_RING_RESET).</summary>
    public const ulong QueueReset = 0x0c0;
    /// <summary>ConfigGeneration (R), <c>VIRTIO_MMIO_CONFIG_GENERATION</c>: changes whenever the configuration space may read inconsistently (2.5.1).</summary>
    public const ulong ConfigGeneration = 0x0fc;
    /// <summary>Config (RW), <c>VIRTIO_MMIO_CONFIG</c>: start of the device-specific configuration space.</summary>
    public const ulong Config = 0x100;

    /// <summary>
    /// The name and direction of the version 2 control register at <paramref name="offset"/>; false for an offset
    /// the register table does not describe (including the legacy registers and offsets inside a register).
    /// </summary>
    public static bool TryDescribe(ulong offset, out string name, out MmioRegisterAccess access)
    {
        (name, access) = offset switch
        {
            MagicValue => ("MagicValue", MmioRegisterAccess.Read),
            Version => ("Version", MmioRegisterAccess.Read),
            DeviceId => ("DeviceID", MmioRegisterAccess.Read),
            VendorId => ("VendorID", MmioRegisterAccess.Read),
            DeviceFeatures => ("DeviceFeatures", MmioRegisterAccess.Read),
            DeviceFeaturesSel => ("DeviceFeaturesSel", MmioRegisterAccess.Write),
            DriverFeatures => ("DriverFeatures", MmioRegisterAccess.Write),
            DriverFeaturesSel => ("DriverFeaturesSel", MmioRegisterAccess.Write),
            QueueSel => ("QueueSel", MmioRegisterAccess.Write),
            QueueNumMax => ("QueueNumMax", MmioRegisterAccess.Read),
            QueueNum => ("QueueNum", MmioRegisterAccess.Write),
            QueueReady => ("QueueReady", MmioRegisterAccess.ReadWrite),
            QueueNotify => ("QueueNotify", MmioRegisterAccess.Write),
            InterruptStatus => ("InterruptStatus", MmioRegisterAccess.Read),
            InterruptAck => ("InterruptACK", MmioRegisterAccess.Write),
            Status => ("Status", MmioRegisterAccess.ReadWrite),
            QueueDescLow => ("QueueDescLow", MmioRegisterAccess.Write),
            QueueDescHigh => ("QueueDescHigh", MmioRegisterAccess.Write),
            QueueDriverLow => ("QueueDriverLow", MmioRegisterAccess.Write),
            QueueDriverHigh => ("QueueDriverHigh", MmioRegisterAccess.Write),
            QueueDeviceLow => ("QueueDeviceLow", MmioRegisterAccess.Write),
            QueueDeviceHigh => ("QueueDeviceHigh", MmioRegisterAccess.Write),
            ShmSel => ("SHMSel", MmioRegisterAccess.Write),
            ShmLenLow => ("SHMLenLow", MmioRegisterAccess.Read),
            ShmLenHigh => ("SHMLenHigh", MmioRegisterAccess.Read),
            ShmBaseLow => ("SHMBaseLow", MmioRegisterAccess.Read),
            ShmBaseHigh => ("SHMBaseHigh", MmioRegisterAccess.Read),
            QueueReset => ("QueueReset", MmioRegisterAccess.ReadWrite),
            ConfigGeneration => ("ConfigGeneration", MmioRegisterAccess.Read),
            _ => ("", MmioRegisterAccess.None),
        };
        return access != MmioRegisterAccess.None;
    }

    /// <summary>A readable name for <paramref name="offset"/>: the register's name, "legacy ..." or the offset itself.</summary>
    public static string NameOf(ulong offset) => offset switch
    {
        LegacyGuestPageSize => "legacy GuestPageSize (0x028)",
        LegacyQueueAlign => "legacy QueueAlign (0x03c)",
        LegacyQueuePfn => "legacy QueuePFN (0x040)",
        >= Config => $"Config+0x{offset - Config:x}",
        _ => TryDescribe(offset, out string name, out _) ? $"{name} (0x{offset:x3})" : $"offset 0x{offset:x3}",
    };
}

/// <summary>The direction of a virtio-mmio control register (virtio 1.2, 4.2.2 table, column "Direction").</summary>
public enum MmioRegisterAccess
{
    /// <summary>Not a register.</summary>
    None,
    /// <summary>R: the driver may only read it.</summary>
    Read,
    /// <summary>W: the driver may only write it.</summary>
    Write,
    /// <summary>RW: the driver may read and write it.</summary>
    ReadWrite,
}
