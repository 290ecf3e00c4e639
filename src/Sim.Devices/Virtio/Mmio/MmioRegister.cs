using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// virtio-mmio register offsets from the device's base address (virtio 1.2, 4.2.2, table "MMIO Device Register
/// Layout"; Linux <c>include/uapi/linux/virtio_mmio.h</c>, whose <c>VIRTIO_MMIO_*</c> name each constant gives).
/// Control registers are 32 bits wide, little-endian, and only accessed with aligned 32-bit accesses (4.2.2.2); the
/// device-specific configuration space from <see cref="Config"/> on takes 8-, 16- and 32-bit accesses.
/// Direction: R read-only, W write-only, RW both; the driver must not read a W register nor write an R one.
/// </summary>
public static partial class MmioRegister
{
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
