using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Adversaries;

/// <summary>
/// Where a hostile driver keeps its rings and buffers: its rings in [<paramref name="RingStart"/>,
/// <paramref name="RingEnd"/>) (the area the platform shares with the backend for the device's lifetime), its buffers in
/// [<paramref name="ScratchStart"/>, <paramref name="ScratchEnd"/>) (guest RAM the device reaches only through what the
/// driver maps).
/// </summary>
public sealed record HostileArea(ulong RingStart, ulong RingEnd, ulong ScratchStart, ulong ScratchEnd);

/// <summary>
/// A malicious guest driver of a real device, as an actor on its vCPU (a <see cref="BusyResource"/> the platform charges) on the device's real transport (virtio-pci or virtio-mmio) and
/// platform (KVM or Xen, any sharing mechanism): it initialises the device properly (virtio 1.2, 3.1.1; split or packed
/// rings, with or without VIRTIO_F_EVENT_IDX, drawn anew at every initialisation), then posts one request at a time,
/// each drawn from its own stream: a well-formed one (<see cref="IMalformedRequests.WellFormed"/>), one with a garbage
/// header (<see cref="IMalformedRequests.GarbageHeader"/>), or a well-formed one made malformed (directions swapped, the
/// header cut short, a segment far longer than its mapping, a segment pointing outside guest RAM or at a page never
/// shared, a descriptor loop on a split ring), or a well-formed one followed by a reset while the device may be serving
/// it. Each request's fate is a <see cref="HostileRound"/>: used (its response judged by the device type), the device
/// asking for a reset (which the driver then does, and initialises again), or nothing within its patience (silently
/// dropped; the driver reports a finding and resets). After <c>rounds</c> rounds a last well-formed request is the
/// liveness probe. Every buffer put in a descriptor is an <see cref="OfferedSegment"/>, so a run can check the backend
/// touched nothing else. Metrics: <c>rounds</c>, <c>resets</c>, and one counter per <see cref="RoundOutcome"/>.
/// </summary>
public sealed partial class HostileDeviceDriver : BusyResource
{
    private sealed class NextRound
    {
        public static readonly NextRound Instance = new();
    }

    private sealed record Patience(long Round);

    private sealed record ResetNow(long Round);

    /// <summary>How long the driver waits for an answer before it calls a request silently dropped.</summary>
    public static readonly SimTime Wait = SimTime.FromMilliseconds(200);

    private const ushort QueueSize = 8;

    private readonly GuestMemory _memory;
    private readonly IDriverPlatform _platform;
    private readonly IMalformedRequests _requests;
    private readonly HostileArea _area;
    private readonly long _rounds;
    private readonly ITransportDriver _transport;
    private readonly ActorRef _backend;
    private readonly ITransportDevice _device;
    private readonly List<HostileRound> _log = new();
    private readonly List<OfferedSegment> _offered = new();
    private readonly Dictionary<RoundOutcome, Counter> _outcomes = new();
    private readonly Counter _roundsTaken, _resets;
    private TransportSession _session = null!;
    private BackendLink _link = null!;
    private bool _live, _resetting, _stopped;
    private long _round;

    /// <summary>
    /// A driver posting <paramref name="rounds"/> requests of <paramref name="requests"/>' device type, then the probe,
    /// through <paramref name="wiring"/> and <paramref name="platform"/>, in <paramref name="area"/> of <paramref name="memory"/>.
    /// </summary>
    public HostileDeviceDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, IMalformedRequests requests, HostileArea area, long rounds)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        ArgumentNullException.ThrowIfNull(wiring);
        _backend = wiring.Backend.IsNone ? throw new ArgumentException("a hostile driver attacks a backend", nameof(wiring)) : wiring.Backend;
        _transport = wiring.Transport.Driver;
        _device = wiring.Transport.Device;
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _requests = requests ?? throw new ArgumentNullException(nameof(requests));
        _area = area ?? throw new ArgumentNullException(nameof(area));
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        _rounds = rounds;
        _roundsTaken = NewCounter("rounds");
        _resets = NewCounter("resets");
        foreach (var outcome in Enum.GetValues<RoundOutcome>())
            _outcomes[outcome] = NewCounter(char.ToLowerInvariant(outcome.ToString()[0]) + outcome.ToString()[1..]);
    }

    /// <summary>Every round so far, the probe last (read once the run is over).</summary>
    public IReadOnlyList<HostileRound> Rounds => _log;

    /// <summary>Every buffer the driver put in a descriptor (read once the run is over).</summary>
    public IReadOnlyList<OfferedSegment> Offered => _offered;

    /// <summary>Whether the last well-formed request, after every attack, completed with success.</summary>
    public bool ProbeSucceeded => _log.Count > _rounds && _log[^1].Outcome == RoundOutcome.Succeeded;

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _session = new TransportSession(_transport, _platform, _memory, Spend);
        _link = new BackendLink(_device, (message, delay) => Send(_backend, message, delay), () => _session.KickDelivery);
        Send(Self, NextRound.Instance);
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        switch (message)
        {
            case NextRound: StartRound(); break;
            case UsedBufferInterrupt interrupt: OnInterrupt(interrupt.Vector); break;
            case DeviceNeedsReset:
                _link.NeedsReset();
                if (_current is not null) Settle(_current.Request.Expect == Expectation.MustSucceed ? RoundOutcome.Wrong : RoundOutcome.NeedsReset, "the device set DEVICE_NEEDS_RESET");
                Reset();
                break;
            case TransportStopped: OnStopped(); break;
            case Patience patience when _current is { } open && open.Index == patience.Round:
                Reclaim();
                if (_current is not null)
                {
                    ReportFinding("device-left-request-unanswered", $"{open.Request.Kind} request {open.Index} neither used nor refused after {Wait}", "virtio 1.2, 2.7.14");
                    Settle(RoundOutcome.Unanswered, "neither used nor refused");
                    Reset();
                }
                break;
            case ResetNow when _log.Count > _rounds || _current?.Index == _rounds: break;   // the probe is never reset
            case ResetNow:
                // The reset comes whether or not the device has answered meanwhile: whatever is in the ring then is abandoned.
                if (_current is not null) Settle(RoundOutcome.Abandoned, "reset with the request in the ring");
                Reset();
                break;
            case Patience: break;   // the round was settled meanwhile
            default: Unhandled(message); break;
        }
    }

    private void StartRound()
    {
        if (_stopped || _resetting || _current is not null) return;
        if (!_live && !Initialise()) return;
        if (_round > _rounds) return;
        bool probe = _round == _rounds;
        _roundsTaken.Increment();
        if (probe) Post(_requests.WellFormed(Random), Attack.None);
        else Choose();
    }

    private bool Initialise()
    {
        bool packed = Random.Next(2) == 0, eventIdx = Random.Next(2) == 0;
        var cursor = GuestAreaCursor.At(_area.RingStart);
        var setups = new QueueSetup[_requests.QueueCount];
        for (int q = 0; q < setups.Length; q++)
        {
            var (desc, driver, device) = QueueAreas.For(packed, QueueSize).Place(cursor.Take);
            setups[q] = new QueueSetup((ushort)q, QueueSize, desc, driver, device);
        }
        if (cursor.Next > _area.RingEnd)
            throw new InvalidOperationException($"{setups.Length} queues of {QueueSize} need up to 0x{cursor.Next:x}, past the shared ring area's end 0x{_area.RingEnd:x}");
        ulong wanted = VirtioFeatures.Version1 | _requests.Features | DeviceAssemblyFeatures(packed, eventIdx);
        var result = _session.Initialize(wanted, VirtioFeatures.Version1 | _requests.Features, setups, _requests.RequestQueue, 0, 0, Id.Path);
        if (!result.Success)
        {
            ReportFinding("device-initialisation-failed", result.Reason ?? result.Failure.ToString(), "virtio 1.2, 3.1.1");
            _stopped = true;
            return false;
        }
        _live = true;
        return true;
    }

    private static ulong DeviceAssemblyFeatures(bool packed, bool eventIdx) =>
        (packed ? VirtioFeatures.RingPacked : 0) | (eventIdx ? VirtioFeatures.EventIdx : 0);

    private void OnInterrupt(int vector)
    {
        _link.Acknowledged(vector);
        _link.Delivered(vector);
        Spend(_platform.TakeInterrupt());
        _session.Charged(t => t.TakeInterrupt(vector));
        if (_live && !_resetting) Reclaim();
    }

    /// <summary>Writes 0 to the device status; the rest waits for the backend to stop (<see cref="OnStopped"/>).</summary>
    private void Reset()
    {
        if (_resetting) return;
        _resetting = true;
        _resets.Increment();
        if (!_session.Charged(t => t.Reset()))
        {
            ReportFinding("device-reset-failed", "the device status did not read back 0 after the reset", "virtio 1.2, 4.1.4.3.2");
            _stopped = true;
        }
    }

    /// <summary>The backend has stopped: take every buffer back, clear the rings, and go on with the next round.</summary>
    private void OnStopped()
    {
        if (!_resetting) return;   // the answer to initialisation's own reset
        _resetting = false;
        UnmapAll();
        _session.ClearRings();
        _live = false;
        if (!_stopped) Send(Self, NextRound.Instance);
    }

    private void Count(RoundOutcome outcome) => _outcomes[outcome].Increment();
}
