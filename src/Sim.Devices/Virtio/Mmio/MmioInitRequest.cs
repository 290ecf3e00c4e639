using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>What a driver asks of a device during initialisation. Plain data.</summary>
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
public sealed record MmioInitRequest(ulong WantedFeatures, IReadOnlyList<MmioQueueSetup> Queues, ulong RequiredFeatures = 0, ulong NeededFeatures = 0);

/// <summary>One queue the driver sets up (virtio 1.2, 4.2.3.2). Plain data.</summary>
/// <param name="Index">Queue index written to QueueSel.</param>
/// <param name="Size">Wanted size; the driver writes min(Size, QueueNumMax), or QueueNumMax when 0.</param>
/// <param name="DescriptorArea">Guest address of the descriptor table / ring.</param>
/// <param name="DriverArea">Guest address of the available ring / driver event suppression area.</param>
/// <param name="DeviceArea">Guest address of the used ring / device event suppression area.</param>
public sealed record MmioQueueSetup(ushort Index, ushort Size, ulong DescriptorArea, ulong DriverArea, ulong DeviceArea);

/// <summary>Why initialisation stopped (virtio 1.2, 3.1.1 and 4.2.3.1).</summary>
public enum MmioInitFailure
{
    /// <summary>Initialisation completed: DRIVER_OK is set.</summary>
    None,
    /// <summary>MagicValue is not "virt": the driver ignores the device without touching another register.</summary>
    BadMagic,
    /// <summary>Version is not 2: the driver ignores the device.</summary>
    UnsupportedVersion,
    /// <summary>DeviceID 0, a placeholder: the driver stops without an error and touches no other register.</summary>
    NoDevice,
    /// <summary>The device did not keep FEATURES_OK: feature negotiation failed; the driver set FAILED.</summary>
    FeatureNegotiationFailed,
    /// <summary>A queue already read QueueReady 1; the driver set FAILED.</summary>
    QueueInUse,
    /// <summary>A queue read QueueNumMax 0 (not available); the driver set FAILED.</summary>
    QueueUnavailable,
}

/// <summary>The outcome of <see cref="MmioDriver.Initialize"/>. Plain data.</summary>
/// <param name="Failure"><see cref="MmioInitFailure.None"/> on success.</param>
/// <param name="Reason">What went wrong, for a finding; null on success.</param>
/// <param name="DeviceFeatures">Features the device offered (0 if not read).</param>
/// <param name="NegotiatedFeatures">Features both sides agreed on; 0 unless successful.</param>
/// <param name="Status">The last status the driver wrote.</param>
/// <param name="Queues">The queues set up, in request order, as the driver configured them.</param>
/// <param name="RegisterAccesses">Register reads and writes the initialisation made (each one an exit under a hypervisor).</param>
public sealed record MmioInitResult(MmioInitFailure Failure, string? Reason, ulong DeviceFeatures, ulong NegotiatedFeatures,
    DeviceStatus Status, IReadOnlyList<QueueConfig> Queues, long RegisterAccesses)
{
    /// <summary>Whether the device reached DRIVER_OK.</summary>
    public bool Success => Failure == MmioInitFailure.None;
}
