using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Layouts;

namespace Sim.Devices.I2c;

/// <summary>
/// The virtio-i2c guest driver (virtio 1.2, 5.16; as Linux <c>drivers/i2c/busses/i2c-virtio.c</c>), a
/// <see cref="VirtioDriver"/> fed on demand by its own poll timer (<see cref="I2cWorkload"/>). It requires
/// VIRTIO_I2C_F_ZERO_LENGTH_REQUEST (5.16.3: the driver "MUST abort negotiation" without it). Each poll is one transfer
/// of two requests added together and kicked once, as <c>virtio_i2c_xfer</c> does: a write of the register pointer
/// with VIRTIO_I2C_FLAGS_FAIL_NEXT, then a read (VIRTIO_I2C_FLAGS_M_RD) of <see cref="I2cWorkload.ReadBytes"/>; each
/// request is a chain of header, buffer and status, every buffer DMA-mapped. When both are back it applies 5.16.6.3:
/// the first request with VIRTIO_I2C_MSG_ERR and every later one in the group count as failed, so a transfer succeeds
/// only when every status is OK (<c>transfers</c>) and fails otherwise (<c>failedTransfers</c>; the read buffer is not used).
/// Its latency runs from the poll to the driver's handling of the last completion (<c>transferLatency</c>). A used
/// length that cannot hold the status is a finding (<c>i2c-short-completion</c>).
/// Metrics: those of <see cref="VirtioDriver"/> (per request), <c>transfers</c>, <c>failedTransfers</c>,
/// <c>transferLatency</c>, <c>pollsSkipped</c>.
/// </summary>
public sealed class I2cDriver : VirtioDriver
{
    private sealed class PollDue { public static readonly PollDue Instance = new(); }

    private readonly I2cGuestLayout _layout;
    private readonly I2cWorkload _workload;
    private readonly I2cCosts _i2cCosts;
    private readonly ulong _ringFeatures;
    private readonly bool[] _isRead;
    private readonly DmaBuffer[] _headers, _buffers, _statuses;
    private readonly byte[] _header = new byte[I2cLayout.OutHdr.Size];
    private readonly Counter _transfers, _failedTransfers, _pollsSkipped;
    private readonly LatencyHistogram _transferLatency;
    private SimTime? _waiting;
    private SimTime _transferStart;
    private bool _polling, _inFlight, _failed;
    private int _completed, _nextMessage;

    /// <summary>
    /// An I2C driver in <paramref name="memory"/> on <paramref name="platform"/> with its rings and buffers at
    /// <paramref name="layout"/>, offering <paramref name="ringFeatures"/>, polling as <paramref name="workload"/> says,
    /// at <paramref name="costs"/> and <paramref name="i2cCosts"/>.
    /// </summary>
    public I2cDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, I2cGuestLayout layout,
        I2cWorkload workload, RingCosts costs, I2cCosts i2cCosts)
        : base(memory, wiring, platform, costs, I2cWorkload.MessagesPerTransfer, RequestArrivals.OnDemand())
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        _i2cCosts = i2cCosts ?? throw new ArgumentNullException(nameof(i2cCosts));
        if (layout.Slots < I2cWorkload.MessagesPerTransfer || layout.BufferBytes < workload.ReadBytes)
            throw new ArgumentException("the layout has too few slots or too small buffers for the workload", nameof(layout));
        _ringFeatures = ringFeatures;
        _isRead = new bool[layout.Slots];
        _headers = new DmaBuffer[layout.Slots];
        _buffers = new DmaBuffer[layout.Slots];
        _statuses = new DmaBuffer[layout.Slots];
        _transfers = NewCounter("transfers");
        _failedTransfers = NewCounter("failedTransfers");
        _pollsSkipped = NewCounter("pollsSkipped");
        _transferLatency = NewLatencyHistogram("transferLatency");
    }

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(I2cLayout.DeviceId, "I2C adapter")) return false;
        ulong zeroLength = 1UL << I2cLayout.FeatureZeroLengthRequest;
        var (d, dr, dv) = _layout.Rings;
        var setup = new QueueSetup(0, _layout.QueueSize, d, dr, dv);
        if (!StartRings(_ringFeatures, zeroLength, zeroLength, [setup], _layout.IndirectArea, I2cGuestLayout.EntriesPerChain)) return false;
        for (int slot = 0; slot < _layout.Slots; slot++)
        {
            DeclareBuffer($"slot{slot}/out-hdr", RegionKind.I2cOutHdr, _layout.Header(slot), I2cLayout.OutHdr.Size);
            DeclareBuffer($"slot{slot}/buffer", RegionKind.I2cData, _layout.Buffer(slot), (ulong)_layout.BufferBytes);
            DeclareBuffer($"slot{slot}/in-hdr", RegionKind.I2cInHdr, _layout.Status(slot), I2cLayout.InHdr.Size);
        }
        return true;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        _inFlight = false;
        _completed = 0;
        if (_polling) return;
        _polling = true;
        SetTimer(PollDue.Instance, PollDue.Instance, _workload.Period.Sample(Random));
    }

    /// <inheritdoc />
    protected override void OnMessage(object message, Sim.Core.Actors.ActorRef sender)
    {
        if (message is not PollDue)
        {
            Unhandled(message);
            return;
        }
        SetTimer(PollDue.Instance, PollDue.Instance, _workload.Period.Sample(Random));
        if (_waiting is not null) _pollsSkipped.Increment();
        else _waiting = Now;
        StartTransfer();
    }

    /// <inheritdoc />
    protected override void OnSlotsFreed() => StartTransfer();

    private void StartTransfer()
    {
        if (_inFlight || _waiting is not { } since) return;
        Spend(_i2cCosts.GuestTransfer);
        _nextMessage = 0;
        if (!SubmitGroupOnDemand(I2cWorkload.MessagesPerTransfer)) return;
        _waiting = null;
        _inFlight = true;
        _failed = false;
        _completed = 0;
        _transferStart = since;
    }

    /// <summary>Writes the next message of the transfer: the register write, then the read.</summary>
    protected override void Prepare(int slot)
    {
        bool read = _nextMessage++ > 0;
        _isRead[slot] = read;
        I2cRequest.WriteHeader(_header, _workload.Address, read ? I2cLayout.FlagMRd : I2cLayout.FlagFailNext);
        Memory.Write(_layout.Header(slot), _header);
        if (!read) Memory.Write(_layout.Buffer(slot), [_workload.Register]);
        Memory.Write(_layout.Status(slot), [0xFF]);
        Spend(Costs.Copy(I2cLayout.OutHdr.Size + (read ? 0 : 1)));
    }

    private uint BufferBytes(int slot) => _isRead[slot] ? (uint)_workload.ReadBytes : 1u;

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        var header = TryMap(_layout.Header(slot), I2cLayout.OutHdr.Size, DmaDirection.ToDevice, out _headers[slot]);
        if (header != DmaMapStatus.Mapped) return Failed(header);
        var direction = _isRead[slot] ? DmaDirection.FromDevice : DmaDirection.ToDevice;
        var buffer = TryMap(_layout.Buffer(slot), BufferBytes(slot), direction, out _buffers[slot]);
        if (buffer != DmaMapStatus.Mapped) return Failed(buffer, _headers[slot]);
        var status = TryMap(_layout.Status(slot), I2cLayout.InHdr.Size, DmaDirection.FromDevice, out _statuses[slot]);
        if (status != DmaMapStatus.Mapped) return Failed(status, _headers[slot], _buffers[slot]);
        var h = new BufferSpec(_headers[slot].DmaAddress, I2cLayout.OutHdr.Size);
        var b = new BufferSpec(_buffers[slot].DmaAddress, BufferBytes(slot));
        var s = new BufferSpec(_statuses[slot].DmaAddress, I2cLayout.InHdr.Size);
        return _isRead[slot]
            ? AddChain(slot, [h], [b, s], _headers[slot], _buffers[slot], _statuses[slot])
            : AddChain(slot, [h, b], [s], _headers[slot], _buffers[slot], _statuses[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_headers[slot]);
        Unmap(_buffers[slot]);
        Unmap(_statuses[slot]);
        Span<byte> status = stackalloc byte[1];
        Memory.Read(_layout.Status(slot), status);
        uint expected = (_isRead[slot] ? (uint)_workload.ReadBytes : 0) + I2cLayout.InHdr.Size;
        if (written < expected)
            ReportFinding("i2c-short-completion", $"slot {slot}: used length {written}, expected {expected} (buffer and status)", "virtio 1.2, 5.16.6.4");
        if (status[0] != I2cLayout.MsgOk) _failed = true;
        else if (!_failed) CountBytes(BufferBytes(slot));
        if (++_completed < I2cWorkload.MessagesPerTransfer) return;
        _inFlight = false;
        _completed = 0;
        if (_failed) _failedTransfers.Increment();
        else
        {
            _transfers.Increment();
            Spend(Costs.Copy(_workload.ReadBytes));
        }
        _transferLatency.Record(Now + Spent - _transferStart);
    }
}
