using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// A level that holds between changes (a queue length, the number of busy servers, a utilisation in [0, 1]),
/// averaged over simulated time rather than over the number of changes: a queue that holds 4 for 1 s and 0 for 3 s has a
/// mean of 1, however many times it was set.
/// Summary values, in order: <c>mean</c> (time-weighted over [last reset, now]; the current value when that window is
/// empty), <c>min</c>, <c>max</c> (over every value the level took in the window, including the one it held at the
/// start and values held for no time at all), <c>last</c> (the current value).
/// Times passed in never go backwards.
/// </summary>
public sealed class TimeWeightedGauge : Metric
{
    private double _current;
    private SimTime _windowStart;
    private SimTime _lastChange;
    private double _area; // sum of level x picoseconds held, over [_windowStart, _lastChange]
    private double _min;
    private double _max;

    /// <summary>A gauge at <paramref name="path"/> holding <paramref name="initial"/> from <paramref name="start"/> on.</summary>
    /// <param name="path">Where the metric lives, e.g. <c>vm0/blk0/queue_depth</c>.</param>
    /// <param name="unit">The unit of the level, empty for a plain number of things.</param>
    /// <param name="initial">The level at <paramref name="start"/>.</param>
    /// <param name="start">When the first window opens (the time the gauge is created); <see cref="SimTime.Zero"/> when not given.</param>
    public TimeWeightedGauge(string path, string unit = "", double initial = 0, SimTime start = default)
        : base(path, unit)
    {
        CheckFinite(initial, nameof(initial));
        _current = initial;
        _windowStart = start;
        _lastChange = start;
        _min = initial;
        _max = initial;
    }

    /// <summary>The level now.</summary>
    public double Current => _current;

    /// <inheritdoc />
    public override string Kind => MetricKind.Gauge;

    /// <summary>The level becomes <paramref name="value"/> at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the last change, or the value is not finite.</exception>
    public void Set(SimTime now, double value)
    {
        CheckFinite(value, nameof(value));
        Advance(now);
        _current = value;
        if (value < _min) _min = value;
        if (value > _max) _max = value;
    }

    /// <summary>The level changes by <paramref name="delta"/> at <paramref name="now"/> (e.g. +1 on enqueue, -1 on dequeue).</summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the last change, or the new level is not finite.</exception>
    public void Add(SimTime now, double delta) => Set(now, _current + delta);

    /// <summary>Starts a fresh window at <paramref name="now"/>: the level is kept, the mean, min and max restart from it.</summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the last change.</exception>
    public override void Reset(SimTime now)
    {
        CheckNotBefore(now);
        _windowStart = now;
        _lastChange = now;
        _area = 0;
        _min = _current;
        _max = _current;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the last change.</exception>
    public override MetricSummary Summarize(SimTime now)
    {
        CheckNotBefore(now);
        double area = _area + _current * (now - _lastChange).Picoseconds;
        long window = (now - _windowStart).Picoseconds;
        double mean = window == 0 ? _current : area / window;
        return new MetricSummary(Kind, Unit,
        [
            KeyValuePair.Create("mean", mean),
            KeyValuePair.Create("min", _min),
            KeyValuePair.Create("max", _max),
            KeyValuePair.Create("last", _current),
        ]);
    }

    private void Advance(SimTime now)
    {
        CheckNotBefore(now);
        _area += _current * (now - _lastChange).Picoseconds;
        _lastChange = now;
    }

    private void CheckNotBefore(SimTime now)
    {
        if (now < _lastChange)
            throw new ArgumentException($"gauge '{Path}': time went backwards, {now} is before the last change at {_lastChange}", nameof(now));
    }

    private void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"gauge '{Path}': level must be a finite number, got {value}", name);
    }
}
