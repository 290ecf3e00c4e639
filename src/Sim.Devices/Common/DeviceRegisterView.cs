using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Common;

/// <summary>
/// A backend's own view of its transport (virtio 1.2, 4.1 virtio over PCI, 4.2 virtio over MMIO), kept from the
/// driver's accepted register writes as the backend hears of them (<see cref="DriverStatusWritten"/>,
/// <see cref="QueueEnabledNotice"/>, <see cref="TransportStop"/>, <see cref="InterruptAcknowledged"/>), plus the state
/// only the device sets: DEVICE_NEEDS_RESET (2.1.2) and, per line or MSI-X vector, whether an interrupt it sent is still
/// pending (not yet taken by the driver), so that a used-buffer interrupt raised meanwhile is merged with it (4.2.3.4,
/// 4.1.5.4). The register file itself belongs to the driver's side; this object belongs to the backend alone, and no
/// other actor touches it.
/// </summary>
public sealed class DeviceRegisterView
{
    private readonly List<QueueConfig?> _queues = [];
    private readonly List<int> _vectors = [];
    private readonly HashSet<int> _pending = [];
    private int _configVector = -1;

    /// <summary>The device status: what the driver wrote, with DEVICE_NEEDS_RESET when the device set it.</summary>
    public DeviceStatus Status { get; private set; }

    /// <summary>The negotiated features: the driver's set once the device accepted FEATURES_OK, else 0.</summary>
    public ulong NegotiatedFeatures { get; private set; }

    /// <summary>The configuration of queue <paramref name="queue"/> if the driver enabled it, else null.</summary>
    public QueueConfig? GetQueueConfig(int queue) => queue >= 0 && queue < _queues.Count ? _queues[queue] : null;

    /// <summary>The driver's status write reached the device.</summary>
    public void Apply(DriverStatusWritten notice)
    {
        Status = notice.Status == 0 ? 0 : notice.Status | (Status & DeviceStatus.DeviceNeedsReset);
        NegotiatedFeatures = notice.NegotiatedFeatures;
        _configVector = notice.ConfigVector;
    }

    /// <summary>The driver enabled a queue.</summary>
    public void Apply(QueueEnabledNotice notice)
    {
        while (_queues.Count <= notice.Queue)
        {
            _queues.Add(null);
            _vectors.Add(-1);
        }
        _queues[notice.Queue] = notice.Config;
        _vectors[notice.Queue] = notice.Vector;
    }

    /// <summary>Queue <paramref name="queue"/> stopped (queue reset or QueueReady = 0).</summary>
    public void StopQueue(int queue)
    {
        if (queue >= 0 && queue < _queues.Count) _queues[queue] = null;
    }

    /// <summary>A device reset (status 0, 2.4): every register back to its initial value, no interrupt pending.</summary>
    public void Reset()
    {
        Status = 0;
        NegotiatedFeatures = 0;
        _queues.Clear();
        _vectors.Clear();
        _pending.Clear();
        _configVector = -1;
    }

    /// <summary>The driver took the interrupt on <paramref name="vector"/>.</summary>
    public void Acknowledge(int vector) => _pending.Remove(vector);

    /// <summary>
    /// The device used buffers of <paramref name="queue"/>: refused before DRIVER_OK (2.1.2) or when the queue has no
    /// vector; coalesced while an interrupt on its line or vector is pending; else delivered, and pending from now.
    /// </summary>
    public InterruptRaise RaiseUsedBufferInterrupt(int queue)
    {
        if ((Status & DeviceStatus.DriverOk) == 0) return InterruptRaise.Refused;
        int vector = queue >= 0 && queue < _vectors.Count ? _vectors[queue] : 0;
        if (vector < 0) return InterruptRaise.Refused;
        return _pending.Add(vector) ? InterruptRaise.Deliver(vector) : InterruptRaise.Coalesced(vector);
    }

    /// <summary>
    /// DEVICE_NEEDS_RESET (2.1.2); after DRIVER_OK, with the configuration change interrupt it raises pending on the
    /// configuration vector (the one line of virtio-mmio and INTx#).
    /// </summary>
    public void SetNeedsReset()
    {
        Status |= DeviceStatus.DeviceNeedsReset;
        if ((Status & DeviceStatus.DriverOk) != 0 && _configVector >= 0) _pending.Add(_configVector);
    }
}
