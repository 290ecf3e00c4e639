using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// A count of events that only goes up (requests completed, bytes moved, notifications suppressed).
/// Summary values, in order: <c>count</c>.
/// </summary>
public sealed class Counter : Metric
{
    private long _value;

    /// <summary>A counter at <paramref name="path"/> starting at zero, counting in <paramref name="unit"/> (e.g. <c>B</c>).</summary>
    public Counter(string path, string unit = "")
        : base(path, unit)
    {
    }

    /// <summary>The count since the last reset.</summary>
    public long Value => _value;

    /// <inheritdoc />
    public override string Kind => MetricKind.Counter;

    /// <summary>Counts one event.</summary>
    /// <exception cref="OverflowException">The count would pass <see cref="long.MaxValue"/>.</exception>
    public void Increment() => _value = checked(_value + 1);

    /// <summary>Counts <paramref name="n"/> events (or units).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative: a counter never goes down.</exception>
    /// <exception cref="OverflowException">The count would pass <see cref="long.MaxValue"/>.</exception>
    public void Add(long n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"counter '{Path}' only goes up; use a gauge for a level");
        _value = checked(_value + n);
    }

    /// <summary>Sets the count back to zero.</summary>
    public override void Reset(SimTime now) => _value = 0;

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now) =>
        new(Kind, Unit, [KeyValuePair.Create("count", (double)_value)]);
}
