namespace Sim.Devices.Virtio.Facilities;

/// <summary>What a driver asks of a device during initialisation (virtio 1.2, 3.1.1), whatever the transport. Plain data.</summary>
/// <param name="WantedFeatures">Features the driver understands; it accepts those the device offers.</param>
/// <param name="Queues">The queues to set up, in order.</param>
/// <param name="RequiredFeatures">
/// Features the driver insists on: written whether offered or not, so a device lacking one refuses FEATURES_OK and
/// the driver gives up (a demanding driver; a well-behaved one leaves this 0).
/// </param>
/// <param name="NeededFeatures">
/// Features a well-behaved driver cannot run without: if the device does not offer one, the driver accepts nothing and
/// sets FAILED before FEATURES_OK (virtio 1.2, 3.1.1 step 4; Linux <c>virtio_features_ok</c> refusing a device without
/// VIRTIO_F_ACCESS_PLATFORM on a restricted guest).
/// </param>
public sealed record TransportInitRequest(ulong WantedFeatures, IReadOnlyList<QueueSetup> Queues, ulong RequiredFeatures = 0, ulong NeededFeatures = 0);

/// <summary>One queue the driver sets up (virtio 1.2, 4.1.5.1.3 for PCI, 4.2.3.2 for MMIO). Plain data.</summary>
/// <param name="Index">Queue index (QueueSel / queue_select).</param>
/// <param name="Size">Wanted size; the driver writes min(Size, the device's maximum), or the maximum when 0.</param>
/// <param name="DescriptorArea">Guest address of the descriptor table / ring.</param>
/// <param name="DriverArea">Guest address of the available ring / driver event suppression area.</param>
/// <param name="DeviceArea">Guest address of the used ring / device event suppression area.</param>
public sealed record QueueSetup(ushort Index, ushort Size, ulong DescriptorArea, ulong DriverArea, ulong DeviceArea);

/// <summary>Why initialisation stopped (virtio 1.2, 3.1.1, 4.1.5.1 and 4.2.3.1).</summary>
public enum TransportInitFailure
{
    /// <summary>Initialisation completed: DRIVER_OK is set.</summary>
    None,
    /// <summary>virtio-mmio: MagicValue is not "virt": the driver ignores the device without touching another register.</summary>
    BadMagic,
    /// <summary>virtio-mmio: Version is not 2: the driver ignores the device.</summary>
    UnsupportedVersion,
    /// <summary>virtio-mmio: DeviceID 0, a placeholder: the driver stops without an error and touches no other register.</summary>
    NoDevice,
    /// <summary>virtio-pci: a capability the driver needs (common, notify, ISR or device configuration) is missing or malformed (4.1.4).</summary>
    MissingCapability,
    /// <summary>The device did not keep FEATURES_OK: feature negotiation failed; the driver set FAILED.</summary>
    FeatureNegotiationFailed,
    /// <summary>A queue was already enabled; the driver set FAILED.</summary>
    QueueInUse,
    /// <summary>A queue's maximum size reads 0 (not available); the driver set FAILED.</summary>
    QueueUnavailable,
    /// <summary>virtio-pci: the device did not accept an MSI-X vector the driver assigned (reads back NO_VECTOR, 4.1.4.3.2).</summary>
    VectorRefused,
}

/// <summary>The outcome of <see cref="ITransportDriver.Initialize"/>. Plain data.</summary>
/// <param name="Failure"><see cref="TransportInitFailure.None"/> on success.</param>
/// <param name="Reason">What went wrong, for a finding; null on success.</param>
/// <param name="DeviceFeatures">Features the device offered (0 if not read).</param>
/// <param name="NegotiatedFeatures">Features both sides agreed on; 0 unless successful.</param>
/// <param name="Status">The last status the driver wrote.</param>
/// <param name="Queues">The queues set up, in request order, as the driver configured them.</param>
/// <param name="RegisterAccesses">Register reads and writes the initialisation made (each one an exit under a hypervisor).</param>
public sealed record TransportInitResult(TransportInitFailure Failure, string? Reason, ulong DeviceFeatures, ulong NegotiatedFeatures,
    DeviceStatus Status, IReadOnlyList<Queues.QueueConfig> Queues, long RegisterAccesses)
{
    /// <summary>Whether the device reached DRIVER_OK.</summary>
    public bool Success => Failure == TransportInitFailure.None;
}
