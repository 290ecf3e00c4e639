using System.Buffers.Binary;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Layouts;

namespace Sim.Devices.Sound;

/// <summary>
/// The virtio-snd guest driver with the application playing through it (virtio 1.2, 5.14; as Linux
/// <c>sound/virtio</c>), a <see cref="VirtioDriver"/> whose requests are the txq's I/O messages, one per period, fed
/// on demand. At probe it sets up the four queues (5.14.2), reads <c>virtio_snd_config</c> (5.14.4; fewer streams than
/// the workload plays is a finding), fills the eventq with 8-byte event buffers (5.14.5), then brings every stream up
/// over the controlq one request at a time (<see cref="PcmStartup"/>: PCM_INFO, and per stream SET_PARAMS, PREPARE, the
/// buffer's pre-fill, START); a refusal is <c>sound-control-refused</c> and the driver stops. Each I/O message
/// (5.14.6.8.1) is a device-readable <c>virtio_snd_pcm_xfer</c> and a period of PCM bytes (one DMA mapping for both)
/// and a device-writable <c>virtio_snd_pcm_status</c>. The application writes a period (<c>sound.guest.period</c> and
/// the copy) each time one completes, after the interrupt, so a late guest (interrupt latency, a busy vCPU) leaves the
/// device without a period. The first 8 PCM bytes carry the time the period was written (the device's end-to-end
/// latency). A status shorter than 8 bytes is <c>sound-status-short</c>; a status other than VIRTIO_SND_S_OK counts in
/// <c>xferErrors</c>. The stream is never stopped or released: the run ends while it plays. The configuration's jack
/// and channel map counts are read beside the streams' (Linux reads all three at probe) and, when not zero, the jacks
/// and channel maps are asked for and checked at start (<see cref="PcmStartup"/>; a malformed answer is
/// <c>sound-info-malformed</c> with its section). Input streams are captured on the rxq (SoundDriver.Capture.cs).
/// Jack notifications on the eventq are read (SoundDriver.Events.cs).
/// Metrics: those of <see cref="VirtioDriver"/> (<c>requests</c> are periods completed, <c>latency</c> from writing a
/// period to reclaiming it), <c>controlCommands</c>, <c>xferErrors</c>, with an input stream <c>captureLatency</c>,
/// with jack events <c>jackEvents</c>.
/// </summary>
public sealed partial class SoundDriver : VirtioDriver
{
    private readonly SoundGuestLayout _layout;
    private readonly SoundWorkload _workload;
    private readonly SoundCosts _soundCosts;
    private readonly ulong _ringFeatures;
    private readonly DmaBuffer[] _events;
    private readonly DmaBuffer[] _messages, _statuses;
    private readonly int[] _slotStream;
    private readonly Queue<int> _owed = new();
    private readonly Queue<int> _unpostedEvents = new();
    private readonly byte[] _request = new byte[SoundLayout.PcmSetParams.Size];
    private readonly byte[] _response;
    private readonly byte[] _header = new byte[SoundLayout.PcmXfer.Size + sizeof(long)];
    private readonly byte[] _status = new byte[SoundLayout.PcmStatus.Size];
    private readonly Counter _controlCommands, _xferErrors;
    private PcmStartup? _startup;
    private DmaBuffer _controlRequest, _controlResponse;
    private bool _controlInFlight, _controlWaiting, _failed, _reportedShort;
    private int _nextStream;

    /// <summary>
    /// A sound driver in <paramref name="memory"/> on <paramref name="platform"/> with its rings and buffers at
    /// <paramref name="layout"/>, playing <paramref name="workload"/>, offering <paramref name="ringFeatures"/>, at
    /// <paramref name="costs"/> and <paramref name="soundCosts"/>; <paramref name="arrivals"/> must be on demand.
    /// </summary>
    public SoundDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, SoundGuestLayout layout, SoundWorkload workload,
        RequestArrivals arrivals, RingCosts costs, SoundCosts soundCosts)
        : base(memory, wiring, platform, costs, (workload ?? throw new ArgumentNullException(nameof(workload))).Slots, arrivals, requestQueue: SoundLayout.TxQueue)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _workload = workload;
        _soundCosts = soundCosts ?? throw new ArgumentNullException(nameof(soundCosts));
        _ringFeatures = ringFeatures;
        _events = new DmaBuffer[layout.EventBuffers];
        _messages = new DmaBuffer[workload.Slots];
        _statuses = new DmaBuffer[workload.Slots];
        _slotStream = new int[workload.Slots];
        _response = new byte[layout.ControlResponseBytes];
        _controlCommands = NewCounter("controlCommands");
        _xferErrors = NewCounter("xferErrors");
        _rxXfers = new DmaBuffer[workload.CaptureSlots];
        _rxData = new DmaBuffer[workload.CaptureSlots];
        if (workload.CaptureSlots > 0) _captureLatency = NewLatencyHistogram("captureLatency");
        if (workload.JackEvents > SimTime.Zero) _jackEvents = NewCounter("jackEvents");
    }

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(SoundLayout.DeviceId, "sound device")) return false;
        var setups = new QueueSetup[SoundLayout.QueueCount];
        for (int q = 0; q < setups.Length; q++)
        {
            var (d, dr, dv) = _layout.Rings[q];
            setups[q] = new QueueSetup((ushort)q, _layout.QueueSize, d, dr, dv);
        }
        if (!StartRings(_ringFeatures, 0, 0, setups, _layout.IndirectArea, SoundGuestLayout.EntriesPerChain)) return false;
        DeclareBuffer("control/request", RegionKind.SoundControlRequest, _layout.ControlRequest, SoundLayout.PcmSetParams.Size);
        DeclareBuffer("control/response", RegionKind.SoundControlResponse, _layout.ControlResponse, (ulong)_layout.ControlResponseBytes);
        DeclareBuffer("events", RegionKind.SoundEvents, _layout.EventBufferArea, (ulong)_layout.EventBuffers * SoundLayout.Event.Size);
        for (int slot = 0; slot < _layout.Slots; slot++)
        {
            DeclareBuffer($"tx{slot}/xfer", RegionKind.SoundPcmXfer, _layout.Message(slot), SoundLayout.PcmXfer.Size);
            DeclareBuffer($"tx{slot}/status", RegionKind.SoundPcmStatus, _layout.Status(slot), SoundLayout.PcmStatus.Size);
        }
        for (int slot = 0; slot < _layout.CaptureSlots; slot++)
        {
            DeclareBuffer($"rx{slot}/xfer", RegionKind.SoundPcmXfer, _layout.RxMessage(slot), SoundLayout.PcmXfer.Size);
            DeclareBuffer($"rx{slot}/status", RegionKind.SoundPcmStatus, _layout.RxStatus(slot), SoundLayout.PcmStatus.Size);
        }
        var (jacks, streams, chmaps) = ReadConfig(config =>
            (config.ReadU32(SoundLayout.Config.Jacks), config.ReadU32(SoundLayout.Config.Streams), config.ReadU32(SoundLayout.Config.Chmaps)));
        if (streams < _workload.TotalStreams)
        {
            ReportFinding("sound-too-few-streams", $"the device has {streams} PCM streams, the workload plays {_workload.Streams} and captures {_workload.CaptureStreams}", "virtio 1.2, 5.14.4");
            return false;
        }
        _configJacks = jacks;
        _startup = new PcmStartup(_workload.Streams, _workload.CaptureStreams, _workload.Parameters, _workload.CaptureParameters, jacks, chmaps, _layout.ControlResponseBytes);
        return true;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        for (int i = 0; i < _layout.EventBuffers; i++) PostEvent(i);
        KickIfNeeded(SoundLayout.EventQueue);
        SendControl();
    }

    private void PostEvent(int index)
    {
        var status = TryPostWritable(SoundLayout.EventQueue, _layout.EventBuffer(index), SoundLayout.Event.Size, index, out var buffer);
        if (status == DmaMapStatus.Mapped) _events[index] = buffer;
        else if (status == DmaMapStatus.Exhausted) _unpostedEvents.Enqueue(index);
    }

    /// <summary>Sends the start-up's next control request, unless one is in flight; a mapping not available now waits for the next interrupt.</summary>
    private void SendControl()
    {
        if (_startup is null || _controlInFlight || _failed) return;
        int length = _startup.NextRequest(_request);
        if (length == 0) return;
        Memory.Write(_layout.ControlRequest, _request.AsSpan(0, length));
        _controlWaiting = true;
        var status = TryMap(_layout.ControlRequest, (uint)length, DmaDirection.ToDevice, out _controlRequest);
        if (status != DmaMapStatus.Mapped)
        {
            _failed |= status == DmaMapStatus.Refused;
            return;
        }
        int expected = _startup.ResponseBytes;
        status = TryMap(_layout.ControlResponse, (uint)expected, DmaDirection.FromDevice, out _controlResponse);
        if (status != DmaMapStatus.Mapped)
        {
            Unmap(_controlRequest);
            _failed |= status == DmaMapStatus.Refused;
            return;
        }
        Spend(Costs.AddChain);
        if (!Queues[SoundLayout.ControlQueue].TryAdd([new BufferSpec(_controlRequest.DmaAddress, (uint)length)], [new BufferSpec(_controlResponse.DmaAddress, (uint)expected)], 0))
        {
            Unmap(_controlRequest);
            Unmap(_controlResponse);
            return;
        }
        _controlWaiting = false;
        _controlInFlight = true;
        KickIfNeeded(SoundLayout.ControlQueue);
    }

    /// <inheritdoc />
    protected override void OnOtherQueues()
    {
        var control = new ControlAnswers(this);
        Queues[SoundLayout.ControlQueue].ReclaimUsed(ref control);
        var events = new EventBuffers(this);
        Queues[SoundLayout.EventQueue].ReclaimUsed(ref events);
        for (int n = _unpostedEvents.Count; n > 0; n--) PostEvent(_unpostedEvents.Dequeue());
        KickIfNeeded(SoundLayout.EventQueue);
        ReclaimCapture();
        if (_controlWaiting) SendControl();
    }

    /// <summary>What the controlq's reclaim does with the used request: <see cref="OnControlAnswered"/>.</summary>
    private readonly struct ControlAnswers(SoundDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.OnControlAnswered(written);
    }

    /// <summary>What the eventq's reclaim does with a used event buffer: give it back to the device.</summary>
    private readonly struct EventBuffers(SoundDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written)
        {
            driver.Spend(driver.Costs.ReclaimChain);
            driver.Unmap(driver._events[(int)token]);
            driver.OnEvent((int)token, written);
            driver.PostEvent((int)token);
        }
    }

    private void OnControlAnswered(uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(_controlRequest);
        Unmap(_controlResponse);
        _controlInFlight = false;
        _controlCommands.Increment();
        int bytes = (int)Math.Min(written, (uint)_startup!.ResponseBytes);
        Memory.Read(_layout.ControlResponse, _response.AsSpan(0, bytes));
        var answer = _startup.Answered(_response.AsSpan(0, bytes));
        switch (answer.Do)
        {
            case PcmStartup.Action.Failed:
                _failed = true;
                if (answer.Section is { } section) ReportFinding("sound-info-malformed", answer.Problem ?? "the device answered a malformed item", section);
                else ReportFinding("sound-control-refused", answer.Problem ?? "the device refused a control request", "virtio 1.2, 5.14.6.6");
                return;
            case PcmStartup.Action.Prefill when _startup.IsInput(answer.Stream):
                PostCaptureBuffers(answer.Stream - _workload.Streams);
                break;
            case PcmStartup.Action.Prefill:
                for (int i = 0; i < _workload.Periods; i++) _owed.Enqueue(answer.Stream);
                Feed();
                break;
        }
        SendControl();
    }

    /// <summary>The application writes a period for every stream owed one while a message slot is free.</summary>
    private void Feed()
    {
        while (_owed.Count > 0 && HasFreeSlot)
        {
            _nextStream = _owed.Dequeue();
            if (!SubmitOnDemand()) break;
        }
    }

    /// <inheritdoc />
    protected override void OnSlotsFreed() => Feed();

    /// <summary>The application writes one period of <see cref="_nextStream"/> (its marker: the time it writes) and the driver its xfer header.</summary>
    protected override void Prepare(int slot)
    {
        var writtenAt = Now + Spent;
        Spend(_soundCosts.GuestPeriod);
        Spend(Costs.Copy(_workload.PeriodBytes));
        _slotStream[slot] = _nextStream;
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(SoundLayout.PcmXfer.StreamId), (uint)_nextStream);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(SoundLayout.PcmXfer.Size), writtenAt.Picoseconds);
        Memory.Write(_layout.Message(slot), _header);
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        uint length = (uint)(SoundLayout.PcmXfer.Size + _workload.PeriodBytes);
        var status = TryMap(_layout.Message(slot), length, DmaDirection.ToDevice, out _messages[slot]);
        if (status != DmaMapStatus.Mapped) return Failed(status);
        status = TryMap(_layout.Status(slot), SoundLayout.PcmStatus.Size, DmaDirection.FromDevice, out _statuses[slot]);
        if (status != DmaMapStatus.Mapped) return Failed(status, _messages[slot]);
        ulong message = _messages[slot].DmaAddress;
        return AddChain(slot,
            [new BufferSpec(message, SoundLayout.PcmXfer.Size), new BufferSpec(message + SoundLayout.PcmXfer.Size, (uint)_workload.PeriodBytes)],
            [new BufferSpec(_statuses[slot].DmaAddress, SoundLayout.PcmStatus.Size)],
            _messages[slot], _statuses[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_messages[slot]);
        Unmap(_statuses[slot]);
        CountBytes(_workload.PeriodBytes);
        if (written < SoundLayout.PcmStatus.Size)
        {
            _xferErrors.Increment();
            if (!_reportedShort)
                ReportFinding("sound-status-short", $"I/O message {slot} used with {written} bytes, less than a {SoundLayout.PcmStatus.Size}-byte virtio_snd_pcm_status", "virtio 1.2, 5.14.6.8");
            _reportedShort = true;
        }
        else
        {
            Memory.Read(_layout.Status(slot), _status);
            if (BinaryPrimitives.ReadUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.Status)) != SoundLayout.StatusOk) _xferErrors.Increment();
        }
        if (!_failed) _owed.Enqueue(_slotStream[slot]);
    }
}
