using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Sound;

/// <summary>
/// The virtio-snd device (virtio 1.2, 5.14) on its backend thread, with the host's audio server behind it, reaching
/// guest memory only through the platform. Control requests (controlq) are answered by <see cref="SoundControlDevice"/>
/// over the device's output streams; a malformed control chain is a finding and the device needs a reset. I/O messages
/// (txq, 5.14.6.8.1: a device-readable <c>virtio_snd_pcm_xfer</c> and PCM bytes, a device-writable
/// <c>virtio_snd_pcm_status</c>) are read at the kick, as QEMU's <c>virtio_snd_handle_tx_xfer</c> copies them out, and
/// queued on their stream's <see cref="PlaybackBuffer{T}"/>; a chain too short for the header or the status is
/// <c>sound-xfer-malformed</c> (a finding, the device needs a reset); a message for a stream that does not exist, is
/// not an output stream taking messages (after PREPARE, running or stopped) or is not whole frames is completed at once
/// with VIRTIO_SND_S_BAD_MSG. From START the audio server takes one period every period time (its frames over its rate)
/// on its own clock (deadline k at START + k periods, whatever the guest does): a whole period queued is played and
/// every message it empties completed with VIRTIO_SND_S_OK and the bytes still queued behind it (<c>latency_bytes</c>),
/// as the specification asks only once the buffer is consumed (5.14.6.8.1); too little queued is an underrun (silence).
/// STOP stops the clock; RELEASE completes every queued message (5.14.6.6.5). A message's first 8 PCM bytes carry the
/// time the guest wrote it (a test tone's marker, little-endian picoseconds), from which the device measures the
/// period's end-to-end latency when it plays. No PCM event is sent: the streams offer no PCM feature (as QEMU's); jack
/// events are sent when asked for (SoundBackend.Jacks.cs, 5.14.6.5). Input streams (rxq, 5.14.6.8.2) are served by the
/// capture side (SoundBackend.Capture.cs): a posted message is filled at each period's end, none posted is an overrun.
/// Metrics: <c>kicks</c>, <c>controlCommands</c>, <c>badMessages</c> (requests answered VIRTIO_SND_S_BAD_MSG),
/// <c>ioMessages</c>, <c>periodsPlayed</c>, <c>underruns</c>, <c>periodDeadlineMisses</c>, <c>periodLateness</c>,
/// <c>endToEndLatency</c>, with an input stream <c>periodsCaptured</c>, <c>overruns</c> and <c>framesLost</c>, with
/// jack events <c>jackEvents</c> and <c>jackEventsLost</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed partial class SoundBackend : VirtioBackend
{
    /// <summary>One stream's period deadline, a timer message of the backend's own.</summary>
    private sealed class PeriodDue(int stream)
    {
        public int Stream { get; } = stream;
    }

    /// <summary>An I/O message the device holds: its chain and the time the guest wrote its period (null: no marker).</summary>
    private sealed class Held
    {
        public DescriptorChain Chain { get; } = new();
        public SimTime? WrittenAt { get; set; }
    }

    private readonly RingCosts _costs;
    private readonly SoundCosts _soundCosts;
    private readonly PcmDeviceStream[] _streams;
    private readonly SoundControlDevice _control;
    private readonly PlaybackBuffer<Held>[] _buffers;
    private readonly PeriodDue[] _due;
    private readonly SimTime[] _startedAt;
    private readonly long[] _deadline;
    private readonly SimTime?[] _starvedSince;
    private readonly Stack<Held> _spare = new();
    private Held? _nextHeld;
    private readonly List<(Held Message, int LatencyBytes)> _played = [];
    private readonly List<Held> _flushed = [];
    private readonly DescriptorChain _controlChain = new();
    private readonly byte[] _request = new byte[SoundLayout.PcmSetParams.Size];
    private readonly byte[] _response;
    private readonly byte[] _status = new byte[SoundLayout.PcmStatus.Size];
    private readonly byte[] _pcm = new byte[4096];
    private readonly Counter _kicks, _controlCommands, _badMessages, _ioMessages, _periodsPlayed, _underruns, _deadlineMisses;
    private readonly LatencyHistogram _endToEnd, _lateness;
    private readonly CaptureBuffer<Held>[] _captures;
    private readonly long[] _capturedFrames;
    private readonly Counter? _periodsCaptured, _overruns, _framesLost;

    /// <summary>
    /// A sound device with <paramref name="streams"/> (output and input), <paramref name="jacks"/> and
    /// <paramref name="chmaps"/> (none when null) on <paramref name="platform"/> at <paramref name="costs"/> and
    /// <paramref name="soundCosts"/>, tied by <paramref name="wiring"/>.
    /// </summary>
    public SoundBackend(IBackendPlatform platform, IReadOnlyList<PcmStreamInfo> streams, RingCosts costs, SoundCosts soundCosts, BackendWiring wiring,
        IReadOnlyList<SoundJack>? jacks = null, IReadOnlyList<SoundChannelMap>? chmaps = null, SimTime jackEvents = default)
        : base(platform, wiring)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _soundCosts = soundCosts ?? throw new ArgumentNullException(nameof(soundCosts));
        _streams = streams.Select(info => new PcmDeviceStream(info)).ToArray();
        _control = new SoundControlDevice(_streams, jacks, chmaps);
        _response = new byte[_control.MaxResponseBytes];
        _buffers = _streams.Select(_ => new PlaybackBuffer<Held>()).ToArray();
        _due = Enumerable.Range(0, _streams.Length).Select(i => new PeriodDue(i)).ToArray();
        _startedAt = new SimTime[_streams.Length];
        _deadline = new long[_streams.Length];
        _starvedSince = new SimTime?[_streams.Length];
        _kicks = NewCounter("kicks");
        _controlCommands = NewCounter("controlCommands");
        _badMessages = NewCounter("badMessages");
        _ioMessages = NewCounter("ioMessages");
        _periodsPlayed = NewCounter("periodsPlayed");
        _underruns = NewCounter("underruns");
        _deadlineMisses = NewCounter("periodDeadlineMisses");
        _lateness = NewLatencyHistogram("periodLateness");
        _endToEnd = NewLatencyHistogram("endToEndLatency");
        _captures = _streams.Select(_ => new CaptureBuffer<Held>()).ToArray();
        _capturedFrames = new long[_streams.Length];
        _jackPeriod = jackEvents;
        if (jackEvents > SimTime.Zero && _control.JackCount > 0)
        {
            _jackEvents = NewCounter("jackEvents");
            _jackEventsLost = NewCounter("jackEventsLost");
        }
        if (_streams.Any(s => s.Info.Direction == SoundLayout.DirectionInput))
        {
            _periodsCaptured = NewCounter("periodsCaptured");
            _overruns = NewCounter("overruns");
            _framesLost = NewCounter("framesLost");
        }
    }

    /// <summary>The state of stream <paramref name="stream"/> (for tests and the explain page).</summary>
    public PcmState StateOf(int stream) => _streams[stream].State;

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case JackToggle: ToggleJack(); break;
            case PeriodDue due when _streams[due.Stream].Info.Direction == SoundLayout.DirectionInput: CaptureTick(due.Stream); break;
            case PeriodDue due: Tick(due.Stream); break;
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                if (kick.Queue == SoundLayout.ControlQueue) ServeControl();
                else if (kick.Queue is SoundLayout.TxQueue or SoundLayout.RxQueue) TakeMessages(kick.Queue);
                else if (kick.Queue == SoundLayout.EventQueue) StartJackEvents();
                // What the ring walks themselves cost (an IOTLB miss on the last look at an empty ring, a grant map) is
                // the backend's time too, not only what each request took.
                Spend(Platform.TakeAccrued());
                break;
            default: Unhandled(message); break;
        }
    }

    /// <inheritdoc />
    protected override void OnDeviceReset()
    {
        for (int s = 0; s < _streams.Length; s++)
        {
            _streams[s].Reset();
            CancelTimer(_due[s]);
        }
        ForgetMessages();
        ForgetCaptureMessages();
        StopJackEvents();
    }

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        if (queue == SoundLayout.TxQueue) ForgetMessages();
        if (queue == SoundLayout.RxQueue) ForgetCaptureMessages();
    }

    /// <summary>Serves every available control request, kicks suppressed meanwhile (2.7.13), then interrupts if the ring asks.</summary>
    private void ServeControl()
    {
        var queue = QueueFor(SoundLayout.ControlQueue);
        if (queue is null || queue.IsBroken) return;
        var requests = new ControlRequests(this);
        if (queue.DrainAvailable(ref requests) == DrainOutcome.Stopped) return;
        if (queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>What a controlq drain does with each popped chain: <see cref="Answer"/> it, in the one reused chain object.</summary>
    private readonly struct ControlRequests(SoundBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._controlChain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Answer(queue);
    }

    /// <summary>Answers one popped control request; false when the queue can go no further (a malformed or refused chain).</summary>
    private bool Answer(IDeviceQueue queue)
    {
        Spend(_costs.PopChain);
        long token = Platform.BeginRequest();
        int toRead = (int)Math.Min(_controlChain.ReadableLength, _request.Length);
        long read = _controlChain.Read(Platform.Memory, 0, _request.AsSpan(0, toRead));
        if (read < 0) return Refused(queue, _controlChain, token);
        var outcome = _control.Handle(_request.AsSpan(0, (int)read), _controlChain.ReadableLength, _controlChain.WritableLength, _response);
        if (outcome.IsMalformed)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
            DeviceRuleBroken((outcome.Rule!, outcome.Section!), outcome.Detail!);
            return false;
        }
        long written = _controlChain.Write(Platform.Memory, 0, _response.AsSpan(0, outcome.ResponseBytes));
        if (written < 0) return Refused(queue, _controlChain, token);
        Spend(_costs.Copy(read + written));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(_controlChain.Id, _controlChain.DescriptorCount, (uint)written);
        _controlCommands.Increment();
        if (outcome.Status == SoundLayout.StatusBadMsg) _badMessages.Increment();
        if (outcome.Succeeded is { } command) Apply(command, (int)outcome.StreamId);
        return true;
    }

    /// <summary>What a lifecycle command that succeeded does to the stream's clock and queued messages.</summary>
    private void Apply(PcmCommand command, int stream)
    {
        switch (command)
        {
            case PcmCommand.Start:
                _startedAt[stream] = Now + Spent;
                _deadline[stream] = 0;
                // An output stream plays its first period at START; an input stream's first period ends a period later.
                bool input = _streams[stream].Info.Direction == SoundLayout.DirectionInput;
                SetTimer(_due[stream], _due[stream], input ? Spent + SoundWorkload.PeriodOf(_streams[stream].Parameters) : Spent);
                break;
            case PcmCommand.Stop:
                CancelTimer(_due[stream]);
                break;
            case PcmCommand.Release when _streams[stream].Info.Direction == SoundLayout.DirectionInput:
                ReleaseCapture(stream);
                break;
            case PcmCommand.Release:
                _buffers[stream].Drain(_flushed);
                _starvedSince[stream] = null;
                var queue = QueueFor(SoundLayout.TxQueue);
                foreach (var held in _flushed)
                {
                    if (queue is null || queue.IsBroken) _spare.Push(held);
                    else Complete(queue, held, SoundLayout.StatusOk, 0);
                }
                _flushed.Clear();
                if (queue is not null && queue.InterruptNeeded()) Interrupt(queue);
                break;
        }
    }

    private bool Refused(IDeviceQueue queue, DescriptorChain chain, long token)
    {
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        queue.ReportRefusedBuffer(chain);
        return false;
    }
}
