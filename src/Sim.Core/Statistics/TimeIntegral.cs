using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// The integral over simulated time of a rate that holds between changes: what a level per second adds up to (energy in
/// joules from a power in watts, bytes from a rate in bytes per second). Summary values, in order: <c>total</c> (the
/// integral over [last reset, now], in the unit given, i.e. the rate's unit times seconds), <c>rate</c> (the rate now).
/// Times passed in never go backwards.
/// </summary>
public sealed class TimeIntegral : Metric
{
    private double _rate;
    private SimTime _lastChange;
    private double _total; // rate x seconds over [last reset, _lastChange]

    /// <summary>An integral at <paramref name="path"/> of a rate that is <paramref name="initialRate"/> from <paramref name="start"/> on.</summary>
    /// <param name="path">Where the metric lives.</param>
    /// <param name="unit">The unit of the total (e.g. <c>J</c> for a rate in watts).</param>
    /// <param name="initialRate">The rate at <paramref name="start"/>.</param>
    /// <param name="start">When the integral starts; <see cref="SimTime.Zero"/> when not given.</param>
    public TimeIntegral(string path, string unit = "", double initialRate = 0, SimTime start = default)
        : base(path, unit)
    {
        CheckFinite(initialRate, nameof(initialRate));
        _rate = initialRate;
        _lastChange = start;
    }

    /// <summary>The rate now.</summary>
    public double Rate => _rate;

    /// <inheritdoc />
    public override string Kind => MetricKind.Integral;

    /// <summary>The rate becomes <paramref name="rate"/> at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the last change, or the rate is not finite.</exception>
    public void SetRate(SimTime now, double rate)
    {
        CheckFinite(rate, nameof(rate));
        _total = TotalAt(now);
        _lastChange = now;
        _rate = rate;
    }

    /// <summary>The integral at <paramref name="now"/> since the last reset.</summary>
    public double TotalAt(SimTime now)
    {
        if (now < _lastChange)
            throw new ArgumentException($"integral '{Path}': time went backwards, {now} is before the last change at {_lastChange}", nameof(now));
        return _total + _rate * (now - _lastChange).TotalSeconds;
    }

    /// <summary>Starts a fresh window at <paramref name="now"/>: the total restarts from zero, the rate is kept.</summary>
    public override void Reset(SimTime now)
    {
        TotalAt(now);
        _total = 0;
        _lastChange = now;
    }

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now) =>
        new(Kind, Unit, [KeyValuePair.Create("total", TotalAt(now)), KeyValuePair.Create("rate", _rate)]);

    private void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"integral '{Path}': {name} must be finite, was {value}", name);
    }
}
