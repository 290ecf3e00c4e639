namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// What a driver's half of device initialisation needs from its transport's registers (virtio 1.2, 3.1.1): the device
/// status and the 64-bit feature sets, each read or written in the transport's own way (virtio-mmio's Status and
/// feature windows, virtio-pci's common configuration).
/// </summary>
public interface IDriverStatusRegisters
{
    /// <summary>Writes <paramref name="status"/> to the device status.</summary>
    void WriteStatus(DeviceStatus status);

    /// <summary>Reads the device status.</summary>
    DeviceStatus ReadStatus();

    /// <summary>Reads the 64 bits of features the device offers.</summary>
    ulong ReadDeviceFeatures();

    /// <summary>Writes the 64 bits of features the driver accepts.</summary>
    void WriteDriverFeatures(ulong features);
}

/// <summary>
/// The driver's half of feature negotiation after a reset (virtio 1.2, 3.1.1 steps 2 to 6), shared by every transport:
/// ACKNOWLEDGE, DRIVER, read the device features, give up if a needed one is missing, write (wanted ∩ offered) |
/// required, set FEATURES_OK and read it back. The caller sets FAILED when it fails (its transport writes it).
/// </summary>
public static class DriverNegotiation
{
    /// <summary>Runs steps 2 to 6 of 3.1.1 on <paramref name="registers"/> for <paramref name="request"/>.</summary>
    public static DriverNegotiationOutcome Run(IDriverStatusRegisters registers, TransportInitRequest request)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(request);
        var status = DeviceStatus.Acknowledge;
        registers.WriteStatus(status);
        status |= DeviceStatus.Driver;
        registers.WriteStatus(status);

        ulong offered = registers.ReadDeviceFeatures();
        ulong missing = request.NeededFeatures & ~offered;
        if (missing != 0)
        {
            return new(TransportInitFailure.FeatureNegotiationFailed,
                $"the device does not offer features the driver needs (0x{missing:x}; offered 0x{offered:x})", offered, 0, status);
        }
        ulong accepted = (request.WantedFeatures & offered) | request.RequiredFeatures;
        registers.WriteDriverFeatures(accepted);
        status |= DeviceStatus.FeaturesOk;
        registers.WriteStatus(status);
        status = registers.ReadStatus();
        if ((status & DeviceStatus.FeaturesOk) == 0)
        {
            return new(TransportInitFailure.FeatureNegotiationFailed,
                $"feature negotiation failed: the device did not keep FEATURES_OK (offered 0x{offered:x}, driver accepted 0x{accepted:x})", offered, accepted, status);
        }
        return new(TransportInitFailure.None, null, offered, accepted, status);
    }
}

/// <summary>How the driver's feature negotiation ended.</summary>
/// <param name="Failure">None, or why the device cannot be used.</param>
/// <param name="Problem">The failure in words; null on success.</param>
/// <param name="Offered">The features the device offered.</param>
/// <param name="Accepted">The features the driver wrote (0 when it gave up before writing).</param>
/// <param name="Status">The device status the driver last knew (FAILED not yet set).</param>
public readonly record struct DriverNegotiationOutcome(TransportInitFailure Failure, string? Problem, ulong Offered, ulong Accepted, DeviceStatus Status);
