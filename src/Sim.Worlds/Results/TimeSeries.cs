using Sim.Core.Time;

namespace Sim.Worlds.Results;

/// <summary>One point of a recorded time series: from <paramref name="Time"/> on, <paramref name="Series"/> has <paramref name="Value"/> (a step function).</summary>
/// <param name="Time">When the value took effect.</param>
/// <param name="Series">What is measured (<c>level</c>, <c>rate/vm1</c>).</param>
/// <param name="Value">The value (level index; B/s for rates).</param>
public readonly record struct TimeSeriesPoint(SimTime Time, string Series, double Value);

/// <summary>
/// A time series a model recorded during a run (the bus level and each VM's bus rate, issue 5), named by the world it
/// belongs to; written to CSV by <see cref="TimeSeriesCsv"/>, not to <c>results.json</c>.
/// </summary>
/// <param name="World">Whose series (an interconnect variant).</param>
/// <param name="Points">The points, in time order.</param>
/// <param name="Truncated">Whether points were dropped for lack of room.</param>
public sealed record TimeSeries(string World, IReadOnlyList<TimeSeriesPoint> Points, bool Truncated);
