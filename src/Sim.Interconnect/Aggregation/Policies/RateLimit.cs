using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Rate limiting of level changes, a decorator: at most one change of level per <see cref="Interval"/>. A decision
/// that would change the level less than <see cref="Interval"/> after the previous change keeps the current level and
/// asks to be asked again when the interval ends (then the wrapped policy's level of that moment is taken). The
/// first change is free. Bounds the transition cost (each change costs the OPP's transition latency) a flood of
/// votes can cause; the cost is latency: a needed rise may wait up to one interval.
/// </summary>
public sealed class RateLimit : PolicyDecorator
{
    private int _level;
    private SimTime? _lastChange;

    /// <summary>At most one change per <paramref name="interval"/> around <paramref name="inner"/>, starting at <paramref name="initialLevel"/>.</summary>
    public RateLimit(IAggregationPolicy inner, SimTime interval, int initialLevel = 0) : base(inner)
    {
        if (interval < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must not be negative");
        if (!Table.Contains(initialLevel)) throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"not a level of the table (0..{Table.Top})");
        Interval = interval;
        _level = initialLevel;
    }

    /// <summary>The least time between two level changes.</summary>
    public SimTime Interval { get; }

    /// <summary>Decisions that wanted a change and were deferred.</summary>
    public long Deferred { get; private set; }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time)
    {
        var inner = Inner.Decide(time);
        if (inner.Level == _level) return new(_level, inner.AskAgainAt);
        if (_lastChange is { } last && time - last < Interval)
        {
            Deferred++;
            return new(_level, LevelDecision.Earliest(inner.AskAgainAt, last + Interval));
        }
        _level = inner.Level;
        _lastChange = time;
        return new(_level, inner.AskAgainAt);
    }
}
