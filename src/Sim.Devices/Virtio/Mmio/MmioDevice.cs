using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// The device side of a virtio-mmio transport, version 2 (virtio 1.2, 4.2; QEMU <c>hw/virtio/virtio-mmio.c</c>): the
/// register file a driver reads and writes, with the device status machine, feature negotiation, per-queue
/// configuration, notifications, the interrupt status and the configuration space. No timing: actors call in.
/// Driver misuse goes to the <see cref="ITransportViolationSink"/> and never throws; misuse by the device model
/// (bad constructor arguments, a config update that does not fit) throws.
/// </summary>
public sealed partial class MmioDevice : IMmioBus, ITransportDevice
{
    /// <summary>The largest queue size a device may offer (virtio 1.2, 2.7 / 2.8).</summary>
    public const int MaxQueueSize = 32768;

    // Identity.
    private readonly uint _deviceId;
    private readonly uint _vendorId;

    // Transport state.
    private readonly ITransportViolationSink _violations;
    private readonly DeviceStatusMachine _status;
    private readonly FeatureNegotiation _features;
    private readonly QueueRegisters[] _queues;
    private readonly ConfigSpace _config;
    private uint _queueSelect;
    private MmioInterrupt _interruptStatus;

    /// <summary>
    /// A device of type <paramref name="deviceId"/> offering <paramref name="deviceFeatures"/>, with one queue per entry
    /// of <paramref name="queueNumMax"/> (its QueueNumMax; 0 makes the queue unavailable) and the initial
    /// configuration space <paramref name="configSpace"/>.
    /// </summary>
    public MmioDevice(uint deviceId, uint vendorId, ulong deviceFeatures, IReadOnlyList<ushort> queueNumMax,
        ReadOnlySpan<byte> configSpace, ITransportViolationSink violations)
    {
        ArgumentNullException.ThrowIfNull(queueNumMax);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (ushort max in queueNumMax)
        {
            if (max > MaxQueueSize)
                throw new ArgumentOutOfRangeException(nameof(queueNumMax), max, $"QueueNumMax is at most {MaxQueueSize}");
        }
        _deviceId = deviceId;
        _vendorId = vendorId;
        _violations = violations;
        _status = new DeviceStatusMachine(violations);
        _features = new FeatureNegotiation(deviceFeatures, violations);
        _queues = queueNumMax.Select(max => new QueueRegisters(max)).ToArray();
        _config = new ConfigSpace(configSpace, violations);
    }

    /// <summary>A queue became ready (QueueReady=1 accepted): its index and configuration.</summary>
    public event Action<int, QueueConfig>? QueueEnabled;

    /// <summary>A ready queue stopped: QueueReady=0 or a queue reset (not raised for a device reset; see <see cref="DeviceReset"/>).</summary>
    public event Action<int>? QueueDisabled;

    /// <summary>An accepted available buffer notification (after DRIVER_OK, for a ready queue).</summary>
    public event Action<QueueNotification>? Notified;

    /// <summary>The driver wrote 0 to Status: every register is back to its initial value.</summary>
    public event Action? DeviceReset;

    /// <summary>The status changed (before, after), by the driver or the device.</summary>
    public event Action<DeviceStatus, DeviceStatus>? StatusChanged;

    /// <summary>The driver wrote the configuration space: offset from its start, width, value.</summary>
    public event Action<int, int, uint>? ConfigWritten;

    /// <summary>The interrupt line changed level (true: asserted, some InterruptStatus bit is set).</summary>
    public event Action<bool>? InterruptLineChanged;

    /// <summary>DeviceID.</summary>
    public uint DeviceId => _deviceId;

    /// <summary>VendorID.</summary>
    public uint VendorId => _vendorId;

    /// <summary>The features the device offers.</summary>
    public ulong DeviceFeatures => _features.DeviceFeatures;

    /// <summary>The negotiated features: the driver's set once the device accepted FEATURES_OK, else 0.</summary>
    public ulong NegotiatedFeatures => _features.Negotiated;

    /// <summary>The device status.</summary>
    public DeviceStatus Status => _status.Current;

    /// <summary>The number of queues (available or not).</summary>
    public int QueueCount => _queues.Length;

    /// <summary>The pending interrupt events (InterruptStatus).</summary>
    public MmioInterrupt InterruptStatus => _interruptStatus;

    /// <summary>Whether the interrupt line is asserted.</summary>
    public bool InterruptAsserted => _interruptStatus != MmioInterrupt.None;

    /// <summary>ConfigGeneration.</summary>
    public uint ConfigGeneration => _config.Generation;

    /// <summary>The configuration space contents.</summary>
    public ReadOnlySpan<byte> ConfigBytes => _config.Bytes;

    /// <summary>The configuration of queue <paramref name="queue"/> if it is ready, else null.</summary>
    public QueueConfig? GetQueueConfig(int queue) =>
        queue >= 0 && queue < _queues.Length && _queues[queue].Ready ? _queues[queue].ToConfig(_features.Negotiated) : null;

    /// <summary>
    /// Device model: sets the used buffer bit and asserts the interrupt line (4.2.3.4), for any queue: virtio-mmio has one
    /// line. Refused before DRIVER_OK: a device must not send used buffer notifications before then (2.1.2). Coalesced
    /// when the line is already asserted (an unacknowledged event is pending): the driver's handler will see this one too.
    /// </summary>
    public InterruptRaise RaiseUsedBufferInterrupt(int queue)
    {
        if (!_status.Has(DeviceStatus.DriverOk)) return InterruptRaise.Refused;
        bool pending = InterruptAsserted;
        SetInterrupt(MmioInterrupt.UsedBuffer);
        return pending ? InterruptRaise.Coalesced(0) : InterruptRaise.Deliver(0);
    }

    /// <inheritdoc />
    public int ConfigChangeVector => 0;

    /// <inheritdoc />
    public int UsedBufferVector(int queue) => 0;

    /// <inheritdoc />
    public void UsedBuffersDelivered(int vector) => SetInterrupt(MmioInterrupt.UsedBuffer);

    /// <summary>Device model: sets the configuration change bit and asserts the interrupt.</summary>
    public void RaiseConfigChangeInterrupt() => SetInterrupt(MmioInterrupt.ConfigChange);

    /// <summary>
    /// Device model: changes configuration bytes at <paramref name="offset"/>, bumps ConfigGeneration (2.5) and, once
    /// DRIVER_OK is set and <paramref name="notify"/> is true, sends a configuration change notification.
    /// </summary>
    public void UpdateConfig(int offset, ReadOnlySpan<byte> bytes, bool notify = true)
    {
        _config.Update(offset, bytes);
        if (notify && _status.Has(DeviceStatus.DriverOk)) SetInterrupt(MmioInterrupt.ConfigChange);
    }

    /// <summary>
    /// Device model: the device hit an error it cannot recover from. Sets DEVICE_NEEDS_RESET and, if DRIVER_OK is set,
    /// sends the configuration change notification the spec requires (2.1.2).
    /// </summary>
    public void SetNeedsReset()
    {
        var before = _status.Current;
        _status.SetNeedsReset();
        if (before != _status.Current) StatusChanged?.Invoke(before, _status.Current);
        if (_status.Has(DeviceStatus.DriverOk)) SetInterrupt(MmioInterrupt.ConfigChange);
    }

    /// <inheritdoc />
    uint IMmioBus.Read(ulong offset, int width) => ReadRegister(offset, width);

    /// <inheritdoc />
    void IMmioBus.Write(ulong offset, int width, uint value) => WriteRegister(offset, width, value);

    private void SetInterrupt(MmioInterrupt bits)
    {
        bool was = InterruptAsserted;
        _interruptStatus |= bits;
        if (!was) InterruptLineChanged?.Invoke(true);
    }

    private void ClearInterrupt(MmioInterrupt bits)
    {
        bool was = InterruptAsserted;
        _interruptStatus &= ~bits;
        if (was && !InterruptAsserted) InterruptLineChanged?.Invoke(false);
    }

    /// <summary>Status 0: every register back to its initial value (4.2.2.1); the configuration space and its generation stay.</summary>
    private void ResetTransport()
    {
        _features.Reset();
        foreach (var queue in _queues) queue.Reset();
        _queueSelect = 0;
        ClearInterrupt(_interruptStatus);
        DeviceReset?.Invoke();
    }

    private void Report(TransportRule rule, string detail) => _violations.Violation(TransportViolation.Of(rule, detail));

    private void Report(QueueRule rule, string detail) => _violations.Violation(TransportViolation.Of(rule, detail));
}
