using Sim.Core.Time;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Adversaries;

/// <summary>
/// What a device may touch, worked out from the driver's side only (virtio 1.2, 2.1.2, 2.4, 2.6.1, 3.1.1, 4.2.2), as a
/// reference for the device model: the driver tells it every register write it makes and every status it reads back,
/// and the reference answers whether an access by the device at a given time is one the specification allows. It is
/// deliberately an over-approximation built without the device's code: the device may touch a queue's rings only while
/// the driver's last status write since a reset had DRIVER_OK, the device has not shown DEVICE_NEEDS_RESET since, and
/// the driver enabled that queue (QueueReady = 1 with a size in [1, its maximum]) on those addresses with no reset of
/// the device or the queue since; buffers only inside the driver's buffer pool, and only while the device is live. A
/// device that refused something the driver asked for touches less, never more; where the driver cannot know what the
/// device did (features written register by register), the reference allows more. Where two states meet at one instant
/// (a reset written at the time the device serves a kick), an access is allowed if either state allows it.
/// Split rings only (the fuzz campaign never offers VIRTIO_F_RING_PACKED).
/// </summary>
public sealed class LifecycleReference
{
    private readonly record struct Area(ulong Start, ulong End);

    private sealed record State(bool DriverOk, bool NeedsReset, ulong Negotiated, Area[][] Enabled)
    {
        public bool Live => DriverOk && !NeedsReset;
    }

    private readonly ushort[] _maxSize;
    private readonly (uint Num, ulong Desc, ulong Driver, ulong Device)[] _pending;
    private readonly ulong _poolStart, _poolEnd;
    private State _state, _previous;
    private SimTime _changedAt = SimTime.Zero;
    private uint _queueSelect;

    /// <summary>A device with one queue per entry of <paramref name="maxSize"/> and the driver's buffers in [<paramref name="poolStart"/>, <paramref name="poolEnd"/>).</summary>
    public LifecycleReference(IReadOnlyList<ushort> maxSize, ulong poolStart, ulong poolEnd)
    {
        _maxSize = maxSize.ToArray();
        _pending = new (uint, ulong, ulong, ulong)[_maxSize.Length];
        _poolStart = poolStart;
        _poolEnd = poolEnd;
        _state = _previous = Fresh();
    }

    /// <summary>Whether the device may be touching its queues at all now: DRIVER_OK written, DEVICE_NEEDS_RESET not seen.</summary>
    public bool Live => _state.Live;

    /// <summary>
    /// Whether the driver knows VIRTIO_F_RING_RESET was negotiated: only after a whole initialisation that said so. Features
    /// written register by register may be refused out of sequence (the device ignores them), so the driver cannot be
    /// sure; a queue reset then leaves the queue's rings allowed (the reference over-approximates, never the reverse).
    /// </summary>
    public bool RingReset => VirtioFeatures.Has(_state.Negotiated, VirtioFeatures.RingReset);

    private State Fresh() => new(false, false, 0, _maxSize.Select(_ => Array.Empty<Area>()).ToArray());

    private void Change(State next, SimTime at)
    {
        if (at != _changedAt) _previous = _state;
        _state = next;
        _changedAt = at;
    }

    /// <summary>The driver wrote <paramref name="value"/> to the device status.</summary>
    public void StatusWritten(uint value, SimTime at)
    {
        if (value == 0)
        {
            Array.Clear(_pending);
            _queueSelect = 0;
            Change(Fresh(), at);
            return;
        }
        var status = (DeviceStatus)value;
        Change(_state with { DriverOk = _state.DriverOk || (status & DeviceStatus.DriverOk) != 0 }, at);
    }

    /// <summary>The driver read the device status back (as it does after FEATURES_OK, and a config-change handler does).</summary>
    public void StatusRead(DeviceStatus status, SimTime at)
    {
        if ((status & DeviceStatus.DeviceNeedsReset) != 0 && !_state.NeedsReset) Change(_state with { NeedsReset = true }, at);
    }

    /// <summary>The driver selected queue <paramref name="queue"/> (QueueSel).</summary>
    public void QueueSelected(uint queue) => _queueSelect = queue;

    /// <summary>The driver wrote the selected queue's size.</summary>
    public void QueueNumWritten(uint value)
    {
        if (Selected is { } q && _state.Enabled[q].Length == 0) _pending[q].Num = value;
    }

    /// <summary>The driver wrote half (<paramref name="high"/>) of the selected queue's descriptor (0), driver (1) or device (2) area address.</summary>
    public void QueueAddressWritten(int area, bool high, uint value)
    {
        if (Selected is not { } q || _state.Enabled[q].Length != 0) return;
        ref var p = ref _pending[q];
        ulong Merge(ulong old) => high ? (old & 0xffff_ffffUL) | ((ulong)value << 32) : (old & ~0xffff_ffffUL) | value;
        if (area == 0) p.Desc = Merge(p.Desc);
        else if (area == 1) p.Driver = Merge(p.Driver);
        else p.Device = Merge(p.Device);
    }

    /// <summary>The driver wrote QueueReady for the selected queue.</summary>
    public void QueueReadyWritten(uint value, SimTime at)
    {
        if (Selected is not { } q) return;
        if (value == 0) Disable(q, at);
        else if (value == 1 && _state.Enabled[q].Length == 0)
        {
            var p = _pending[q];
            if (p.Num == 0 || p.Num > _maxSize[q]) return;
            Enable(q, (ushort)p.Num, p.Desc, p.Driver, p.Device, at);
        }
    }

    /// <summary>The driver reset the selected queue (QueueReset / queue_reset = 1); effective only with VIRTIO_F_RING_RESET negotiated.</summary>
    public void QueueResetWritten(SimTime at)
    {
        if (Selected is not { } q || !RingReset) return;
        _pending[q] = default;
        Disable(q, at);
    }

    /// <summary>
    /// The driver ran the whole initialisation through its transport (<see cref="ITransportDriver.Initialize"/>): a reset,
    /// then, if it succeeded, the negotiated features, the queues of <paramref name="result"/> and DRIVER_OK.
    /// </summary>
    public void Initialised(TransportInitResult result, SimTime at)
    {
        StatusWritten(0, at);
        if (!result.Success) return;
        var enabled = _maxSize.Select(_ => Array.Empty<Area>()).ToArray();
        for (int i = 0; i < result.Queues.Count && i < enabled.Length; i++)
        {
            var queue = result.Queues[i];
            enabled[i] = Areas(queue);
            _pending[i] = (queue.Size, queue.DescriptorTable, queue.DriverArea, queue.DeviceArea);   // the registers keep them
        }
        Change(new State(true, false, result.NegotiatedFeatures, enabled), at);
    }

    /// <summary>Whether the device may touch [<paramref name="address"/>, +<paramref name="length"/>) at <paramref name="at"/>.</summary>
    public bool Allows(ulong address, int length, SimTime at) =>
        Allows(_state, address, length) || (at == _changedAt && Allows(_previous, address, length));

    private bool Allows(State state, ulong address, int length)
    {
        if (!state.Live || length < 0) return false;
        ulong end = address + (ulong)length;
        if (end < address) return false;
        if (address >= _poolStart && end <= _poolEnd) return true;
        foreach (var areas in state.Enabled)
            foreach (var area in areas)
                if (address >= area.Start && end <= area.End) return true;
        return false;
    }

    private int? Selected => _queueSelect < (uint)_maxSize.Length && _maxSize[_queueSelect] > 0 ? (int)_queueSelect : null;

    private void Enable(int queue, ushort size, ulong desc, ulong driver, ulong device, SimTime at)
    {
        var enabled = (Area[][])_state.Enabled.Clone();
        enabled[queue] = Areas(new QueueConfig(size, desc, driver, device, _state.Negotiated));
        Change(_state with { Enabled = enabled }, at);
    }

    private void Disable(int queue, SimTime at)
    {
        if (_state.Enabled[queue].Length == 0) return;
        var enabled = (Area[][])_state.Enabled.Clone();
        enabled[queue] = [];
        Change(_state with { Enabled = enabled }, at);
    }

    private static Area[] Areas(QueueConfig config) =>
        config.Areas().Select(a => new Area(a.Start, a.Start + a.Length)).ToArray();
}
