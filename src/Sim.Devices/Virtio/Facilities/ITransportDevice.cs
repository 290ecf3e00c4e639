using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The device's half of a virtio transport, as the device model sees it (virtio 1.2, 4.1 PCI, 4.2 MMIO): the negotiated
/// features and status, each queue's configuration once the driver enabled it, accepted available-buffer notifications,
/// and the used-buffer interrupt with the rules of the transport (a device must not notify before DRIVER_OK, 2.1.2; an
/// interrupt already pending on the same line or vector is not sent again). No timing: actors call in.
/// </summary>
public interface ITransportDevice
{
    /// <summary>The virtio device type (virtio 1.2, 5).</summary>
    uint DeviceId { get; }

    /// <summary>The negotiated features: the driver's set once the device accepted FEATURES_OK, else 0.</summary>
    ulong NegotiatedFeatures { get; }

    /// <summary>The device status.</summary>
    DeviceStatus Status { get; }

    /// <summary>The configuration of queue <paramref name="queue"/> if the driver enabled it, else null.</summary>
    QueueConfig? GetQueueConfig(int queue);

    /// <summary>An available-buffer notification the device accepted (after DRIVER_OK, for an enabled queue).</summary>
    event Action<QueueNotification>? Notified;

    /// <summary>The driver reset the device (a status write of 0): every queue is gone (virtio 1.2, 2.4).</summary>
    event Action? DeviceReset;

    /// <summary>
    /// A ready queue stopped without a device reset: a queue reset with VIRTIO_F_RING_RESET (2.6.1), or QueueReady = 0 on
    /// virtio-mmio (4.2.2).
    /// </summary>
    event Action<int>? QueueDisabled;

    /// <summary>The status changed (before, after), by the driver or the device.</summary>
    event Action<DeviceStatus, DeviceStatus>? StatusChanged;

    /// <summary>A queue became ready (the driver's enable accepted): its index and configuration.</summary>
    event Action<int, QueueConfig>? QueueEnabled;

    /// <summary>The driver wrote the device-specific configuration: offset from its start, width, value (the bytes are written already).</summary>
    event Action<int, int, uint>? ConfigWritten;

    /// <summary>
    /// Device model: changes configuration bytes at <paramref name="offset"/>, bumps the configuration generation (2.5)
    /// and, once DRIVER_OK is set and <paramref name="notify"/> is true, sends a configuration change notification.
    /// </summary>
    void UpdateConfig(int offset, ReadOnlySpan<byte> bytes, bool notify = true);

    /// <summary>The line or vector configuration change interrupts go to now (0 for one line; -1 for none).</summary>
    int ConfigChangeVector { get; }

    /// <summary>The line or vector queue <paramref name="queue"/>'s used-buffer interrupts go to now (0 for one line; -1 for none).</summary>
    int UsedBufferVector(int queue);

    /// <summary>
    /// A used-buffer interrupt the device decided to send reached the guest on <paramref name="vector"/>: the interrupt
    /// state the driver will read (InterruptStatus, the ISR status, or the MSI-X message in flight) shows it.
    /// </summary>
    void UsedBuffersDelivered(int vector);

    /// <summary>
    /// The device used buffers of <paramref name="queue"/>: sets the transport's interrupt state and says whether the
    /// interrupt must be delivered, and on which vector (0 for a single line).
    /// </summary>
    InterruptRaise RaiseUsedBufferInterrupt(int queue);

    /// <summary>
    /// The device hit an error it cannot recover from: DEVICE_NEEDS_RESET and, after DRIVER_OK, a configuration change
    /// notification (2.1.2).
    /// </summary>
    void SetNeedsReset();
}

/// <summary>What became of a device's used-buffer interrupt (see <see cref="ITransportDevice.RaiseUsedBufferInterrupt"/>).</summary>
/// <param name="Outcome">Whether it is to be delivered.</param>
/// <param name="Vector">The line or MSI-X vector it goes to (0 for virtio-mmio and INTx).</param>
public readonly record struct InterruptRaise(InterruptOutcome Outcome, int Vector)
{
    /// <summary>Deliver on <paramref name="vector"/>.</summary>
    public static InterruptRaise Deliver(int vector) => new(InterruptOutcome.Deliver, vector);

    /// <summary>Already pending on <paramref name="vector"/>: nothing more to send.</summary>
    public static InterruptRaise Coalesced(int vector) => new(InterruptOutcome.Coalesced, vector);

    /// <summary>Not allowed now (before DRIVER_OK, or the queue has no vector).</summary>
    public static readonly InterruptRaise Refused = new(InterruptOutcome.Refused, -1);
}

/// <summary>The outcome of raising a used-buffer interrupt.</summary>
public enum InterruptOutcome
{
    /// <summary>The interrupt must be delivered to the guest.</summary>
    Deliver,
    /// <summary>An interrupt on the same line or vector is still pending (not yet taken by the driver): merged with it.</summary>
    Coalesced,
    /// <summary>The transport refused it: before DRIVER_OK (2.1.2), or (MSI-X) the queue's vector is NO_VECTOR.</summary>
    Refused,
}
