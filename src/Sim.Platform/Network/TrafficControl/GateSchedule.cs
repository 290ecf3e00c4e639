using Sim.Core.Time;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// A running gate control list (IEEE 802.1Q-2018 8.6.8.4, 8.6.9, the enhancements for scheduled traffic of 802.1Qbv;
/// tc-taprio(8) <c>sched-entry S &lt;mask&gt; &lt;interval&gt;</c>): from <c>base-time</c> the entries run in order, each
/// opening the gates of the traffic classes in its mask for its interval, and the list restarts every
/// <c>cycle-time</c>. When the cycle is longer than the entries' sum, the last entry's gate states persist to the end of
/// the cycle (8.6.9.4: the list waits for the next cycle with the gates as set). Before <c>base-time</c> every gate is
/// closed (sch_taprio.c has no current entry then). A frame of <c>d</c> on the wire may start at <c>t</c> only if its
/// class's gate is open at <c>t</c> and stays open until <c>t + d</c>: consecutive entries that keep the gate open
/// count as one window (sch_taprio.c <c>taprio_calculate_gate_durations</c>, the <c>gate_close_time</c> that
/// <c>taprio_dequeue_from_txq</c> checks <c>length_to_duration</c> against; 8.6.8.4's guard band).
/// </summary>
public sealed class GateSchedule
{
    private readonly SimTime _base, _cycle;
    private readonly (long Start, long End)[][] _windows;
    private readonly bool[] _alwaysOpen;

    /// <summary>A schedule of <paramref name="entries"/> over <paramref name="classes"/> traffic classes (validated by <see cref="QdiscFactory"/>).</summary>
    internal GateSchedule(SimTime baseTime, IReadOnlyList<GateEntry> entries, SimTime cycleTime, int classes)
    {
        _base = baseTime;
        _cycle = cycleTime;
        _windows = new (long, long)[classes][];
        _alwaysOpen = new bool[classes];
        long sum = entries.Sum(e => e.Interval.Picoseconds);
        for (int tc = 0; tc < classes; tc++)
        {
            var windows = new List<(long Start, long End)>();
            long at = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                long end = at + entries[i].Interval.Picoseconds + (i == entries.Count - 1 ? _cycle.Picoseconds - sum : 0);
                if ((entries[i].GateMask & (1u << tc)) != 0)
                {
                    if (windows.Count > 0 && windows[^1].End == at) windows[^1] = (windows[^1].Start, end);
                    else windows.Add((at, end));
                }
                at = end;
            }
            _alwaysOpen[tc] = windows.Count == 1 && windows[0].Start == 0 && windows[0].End == _cycle.Picoseconds;
            if (!_alwaysOpen[tc] && windows.Count > 1 && windows[0].Start == 0 && windows[^1].End == _cycle.Picoseconds)
            {
                windows[0] = (windows[^1].Start - _cycle.Picoseconds, windows[0].End);   // open across the cycle boundary
                windows.RemoveAt(windows.Count - 1);
            }
            _windows[tc] = [.. windows];
        }
    }

    /// <summary>When the schedule starts (<c>base-time</c>).</summary>
    public SimTime BaseTime => _base;

    /// <summary>The cycle (<c>cycle-time</c>).</summary>
    public SimTime CycleTime => _cycle;

    /// <summary>Whether the gate of <paramref name="trafficClass"/> is open at <paramref name="t"/>.</summary>
    public bool IsOpen(int trafficClass, SimTime t) => Window(trafficClass, t) is not null;

    /// <summary>The open window of <paramref name="trafficClass"/> holding <paramref name="t"/> ([open, close)), or null if the gate is closed.</summary>
    public (SimTime Open, SimTime Close)? Window(int trafficClass, SimTime t)
    {
        if (t < _base) return null;
        if (_alwaysOpen[trafficClass]) return (_base, SimTime.MaxValue);
        foreach (var (open, close) in WindowsFrom(trafficClass, t))
        {
            if (open > t) return null;
            if (close > t) return (open, close);
        }
        return null;
    }

    /// <summary>
    /// The earliest instant from <paramref name="t"/> at which a frame of <paramref name="duration"/> on the wire may
    /// start in <paramref name="trafficClass"/>: its gate open for at least <paramref name="openDelay"/> already (the
    /// software dequeue latency after a gate opens) and still open when the frame ends. Null if no window is long enough.
    /// </summary>
    public SimTime? EarliestStart(int trafficClass, SimTime t, SimTime duration, SimTime openDelay)
    {
        if (t < _base) t = _base;
        if (_alwaysOpen[trafficClass]) return SimTime.Max(t, _base + openDelay);
        foreach (var (open, close) in WindowsFrom(trafficClass, t))
        {
            var start = SimTime.Max(t, open + openDelay);
            if (start < close && start + duration <= close) return start;
        }
        return null;
    }

    /// <summary>The longest time the gate of <paramref name="trafficClass"/> stays open (<see cref="SimTime.MaxValue"/> if always).</summary>
    public SimTime LongestWindow(int trafficClass) => _alwaysOpen[trafficClass]
        ? SimTime.MaxValue
        : new SimTime(_windows[trafficClass].Select(w => w.End - w.Start).DefaultIfEmpty(0).Max());

    /// <summary>The windows of a class (clipped to the base time) that end after <paramref name="t"/>, over the three cycles from t's.</summary>
    private IEnumerable<(SimTime Open, SimTime Close)> WindowsFrom(int trafficClass, SimTime t)
    {
        long k = (t - _base).Picoseconds / _cycle.Picoseconds;
        for (long cycle = k; cycle <= k + 2; cycle++)
        {
            long cycleStart = _base.Picoseconds + cycle * _cycle.Picoseconds;
            foreach (var (start, end) in _windows[trafficClass])
            {
                var close = new SimTime(cycleStart + end);
                if (close <= t) continue;
                yield return (new SimTime(Math.Max(cycleStart + start, _base.Picoseconds)), close);
            }
        }
    }
}
