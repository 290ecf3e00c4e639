namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The device status bits (virtio 1.2, 2.1; Linux <c>VIRTIO_CONFIG_S_*</c> in <c>virtio_config.h</c>). The field starts
/// at 0 and a write of 0 resets the device. Legal transitions live in <see cref="DeviceStatusMachine"/>.
/// </summary>
[Flags]
public enum DeviceStatus : byte
{
    /// <summary>0: reset, no driver.</summary>
    None = 0,
    /// <summary>ACKNOWLEDGE (1): the guest found the device and recognised it as a virtio device.</summary>
    Acknowledge = 1,
    /// <summary>DRIVER (2): the guest knows how to drive the device.</summary>
    Driver = 2,
    /// <summary>DRIVER_OK (4): the driver is set up and ready to drive the device.</summary>
    DriverOk = 4,
    /// <summary>FEATURES_OK (8): feature negotiation is complete (the device clears it if it refuses the features).</summary>
    FeaturesOk = 8,
    /// <summary>SUSPEND (16): the driver suspended the device (post-1.2 draft, VIRTIO_F_SUSPEND).</summary>
    Suspend = 16,
    /// <summary>DEVICE_NEEDS_RESET (64): set by the device after an error it cannot recover from.</summary>
    DeviceNeedsReset = 64,
    /// <summary>FAILED (128): the driver gave up on the device.</summary>
    Failed = 128,
}
