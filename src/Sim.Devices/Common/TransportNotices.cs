using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Common;

/// <summary>
/// The driver wrote the device status (virtio 1.2, 2.1; 4.1.4.3 device_status, 4.2.2 Status) and the register file
/// accepted it, as the backend hears of it: the VMM handles the trapped write and tells the device at the write's time
/// (immediate), with the features negotiated so far (2.2).
/// </summary>
/// <param name="Status">The status after the write.</param>
/// <param name="NegotiatedFeatures">The negotiated features (0 before FEATURES_OK is accepted).</param>
/// <param name="ConfigVector">The line or MSI-X vector of configuration change interrupts; -1 for none.</param>
public sealed record DriverStatusWritten(DeviceStatus Status, ulong NegotiatedFeatures, int ConfigVector)
{
    /// <inheritdoc />
    public override string ToString() => $"status {Status}, features 0x{NegotiatedFeatures:x}";
}

/// <summary>
/// The driver enabled a queue (virtio 1.2, 4.1.4.3 queue_enable, 4.2.2 QueueReady) and the register file accepted it:
/// its configuration and the line or MSI-X vector its used-buffer interrupts go to (-1: none, VIRTIO_MSI_NO_VECTOR,
/// 4.1.5.1.2), as the backend hears of it at the write's time (immediate).
/// </summary>
/// <param name="Queue">The queue index.</param>
/// <param name="Config">Where its rings are and how they are read.</param>
/// <param name="Vector">Its interrupt line or vector; -1 for none.</param>
public sealed record QueueEnabledNotice(int Queue, QueueConfig Config, int Vector)
{
    /// <inheritdoc />
    public override string ToString() => $"queue {Queue}: size {Config.Size}, descriptors at 0x{Config.DescriptorTable:x}, vector {Vector}";
}

/// <summary>
/// The driver took the interrupt on <see cref="Vector"/>: read and acknowledged InterruptStatus (virtio 1.2, 4.2.3.4),
/// read the ISR status (4.1.5.4, INTx#), or handled the MSI-X message; as the backend hears of it at the access's time
/// (immediate), so that its next used-buffer interrupt on that line or vector is delivered, not coalesced.
/// </summary>
public sealed class InterruptAcknowledged
{
    private static readonly InterruptAcknowledged[] Cache = Enumerable.Range(0, 64).Select(i => new InterruptAcknowledged(i)).ToArray();

    private InterruptAcknowledged(int vector) => Vector = vector;

    /// <summary>The line or MSI-X vector taken.</summary>
    public int Vector { get; }

    /// <summary>The acknowledge of <paramref name="vector"/>.</summary>
    public static InterruptAcknowledged For(int vector) => vector >= 0 && vector < Cache.Length ? Cache[vector] : new InterruptAcknowledged(vector);

    /// <inheritdoc />
    public override string ToString() => $"vector {Vector}";
}

/// <summary>
/// The device hit an error it cannot recover from and set DEVICE_NEEDS_RESET (virtio 1.2, 2.1.2): the register file's
/// owner (the driver's side) records it in the status the driver reads.
/// </summary>
public sealed class DeviceNeedsReset
{
    private DeviceNeedsReset() { }

    /// <summary>The one instance.</summary>
    public static readonly DeviceNeedsReset Instance = new();

    /// <inheritdoc />
    public override string ToString() => "DeviceNeedsReset";
}
