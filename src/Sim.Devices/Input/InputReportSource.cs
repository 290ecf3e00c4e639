using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Devices.Input;

/// <summary>
/// The human interface device behind a virtio-input backend: it turns <see cref="InputWorkload"/> into reports
/// (virtio 1.2, 5.8.6.1; event codes as Linux's multi-touch protocol, Documentation/input/multi-touch-protocol.rst,
/// type B with one slot) and hands each to the backend. A touchscreen contact starts with ABS_MT_TRACKING_ID, the
/// position (ABS_MT_POSITION_X/Y and ABS_X/Y) and BTN_TOUCH 1, moves in a random walk every report period and ends
/// with ABS_MT_TRACKING_ID -1 and BTN_TOUCH 0; a rotary turn sends REL_DIAL +1 or -1 per detent. Every report has an
/// MSC_TIMESTAMP (the device's microsecond clock, wrapping at 2^32, on the simulation's clock) and ends with
/// SYN_REPORT; reports fall on whole microseconds, so the timestamp is the report's exact time. Its random draws are
/// its own stream. Metrics: <c>reports</c>, <c>events</c>. Any message but its own timer is a model bug.
/// </summary>
public sealed class InputReportSource : Actor
{
    private sealed class Next { public static readonly Next Instance = new(); }

    private const long PicosPerMicrosecond = 1_000_000;

    private readonly InputWorkload _workload;
    private readonly ActorRef _backend;
    private readonly Counter _reports, _events;
    private SimTime _activeUntil;
    private bool _active, _starting;
    private int _x, _y, _tracking, _direction;

    /// <summary>A source of <paramref name="workload"/>'s reports for <paramref name="backend"/>.</summary>
    public InputReportSource(InputWorkload workload, ActorRef backend)
    {
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        if (backend.IsNone) throw new ArgumentException("an input device hands its reports to a backend", nameof(backend));
        _backend = backend;
        _reports = NewCounter("reports");
        _events = NewCounter("events");
    }

    /// <inheritdoc />
    protected override void OnStart() => After(_workload.Pause.Sample(Random));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Next)
        {
            Unhandled(message);
            return;
        }
        if (!_active)
        {
            _active = _starting = true;
            _activeUntil = Now + _workload.Contact.Sample(Random);
            _x = Random.Next(_workload.Width);
            _y = Random.Next(_workload.Height);
            _direction = Random.Next(2) == 0 ? -1 : 1;
            _tracking = (_tracking + 1) & 0xFFFF;
        }
        bool last = Now >= _activeUntil;
        var events = _workload.Kind == InputSourceKind.Touchscreen ? TouchReport(last) : DialReport();
        _starting = false;
        _reports.Increment();
        _events.Add(events.Count);
        Send(_backend, new InputReport([.. events]));
        if (_workload.Kind == InputSourceKind.Rotary) last = Now + _workload.Gap.Mean > _activeUntil;
        if (last)
        {
            _active = false;
            After(_workload.Pause.Sample(Random));
        }
        else After(_workload.Kind == InputSourceKind.Touchscreen ? _workload.ReportPeriod : _workload.Gap.Sample(Random));
    }

    private List<InputEvent> TouchReport(bool last)
    {
        var events = new List<InputEvent>(8);
        if (last)
        {
            events.Add(new(InputCodes.EvAbs, InputCodes.AbsMtTrackingId, -1));
            events.Add(new(InputCodes.EvKey, InputCodes.BtnTouch, 0));
        }
        else
        {
            if (_starting) events.Add(new(InputCodes.EvAbs, InputCodes.AbsMtTrackingId, _tracking));
            else
            {
                _x = Math.Clamp(_x + Random.Next(-8, 9), 0, _workload.Width - 1);
                _y = Math.Clamp(_y + Random.Next(-8, 9), 0, _workload.Height - 1);
            }
            events.Add(new(InputCodes.EvAbs, InputCodes.AbsMtPositionX, _x));
            events.Add(new(InputCodes.EvAbs, InputCodes.AbsMtPositionY, _y));
            if (_starting) events.Add(new(InputCodes.EvKey, InputCodes.BtnTouch, 1));
            events.Add(new(InputCodes.EvAbs, InputCodes.AbsX, _x));
            events.Add(new(InputCodes.EvAbs, InputCodes.AbsY, _y));
        }
        Finish(events);
        return events;
    }

    private List<InputEvent> DialReport()
    {
        var events = new List<InputEvent>(3) { new(InputCodes.EvRel, InputCodes.RelDial, _direction) };
        Finish(events);
        return events;
    }

    private void Finish(List<InputEvent> events)
    {
        events.Add(new(InputCodes.EvMsc, InputCodes.MscTimestamp, Timestamp(Now)));
        events.Add(InputEvent.SynReport);
    }

    /// <summary>The device clock's MSC_TIMESTAMP value at <paramref name="time"/>: microseconds, wrapping at 2^32.</summary>
    public static int Timestamp(SimTime time) => unchecked((int)(uint)(ulong)(time.Picoseconds / PicosPerMicrosecond));

    /// <summary>
    /// The time since a report stamped <paramref name="timestamp"/> (whole microseconds, wrapping at 2^32) at
    /// <paramref name="now"/>: exact when the report fell on a whole microsecond within the last 71 minutes.
    /// </summary>
    public static SimTime Since(int timestamp, SimTime now)
    {
        long nowMicros = now.Picoseconds / PicosPerMicrosecond;
        uint elapsed = unchecked((uint)nowMicros - (uint)timestamp);
        return new SimTime(elapsed * PicosPerMicrosecond + now.Picoseconds % PicosPerMicrosecond);
    }

    /// <summary>Sets the next report at least <paramref name="delay"/> from now, on a whole microsecond.</summary>
    private void After(SimTime delay)
    {
        long at = Now.Picoseconds + Math.Max(delay.Picoseconds, 1);
        long aligned = (at + PicosPerMicrosecond - 1) / PicosPerMicrosecond * PicosPerMicrosecond;
        SetTimer(Next.Instance, Next.Instance, new SimTime(aligned - Now.Picoseconds));
    }
}
