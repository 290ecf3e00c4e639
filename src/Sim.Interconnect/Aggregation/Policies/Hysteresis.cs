using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Hysteresis, a decorator: the level goes up at once when the wrapped policy asks for more, and goes down only once
/// a lower level has been enough for <see cref="Hold"/>. Exactly: at the first decision where the wrapped level is
/// below the current one a low window opens; every later decision where it is still below widens the window and
/// remembers the highest wrapped level seen in it; a decision at or above the current level closes the window
/// without a change. When a decision comes <see cref="Hold"/> or more after the window opened, the level drops to
/// the highest wrapped level seen in the window (never below what was asked), and a new window opens at once if the
/// wrapped level is lower still. While a window is open, the policy asks to be asked again when it would end.
/// Windows are judged at decisions only: the server decides after every vote, so that is every change of demand.
/// </summary>
public sealed class Hysteresis : PolicyDecorator
{
    private int _level;
    private SimTime? _lowSince;
    private int _lowEnough;

    /// <summary>Hysteresis of <paramref name="hold"/> around <paramref name="inner"/>, starting at <paramref name="initialLevel"/>.</summary>
    public Hysteresis(IAggregationPolicy inner, SimTime hold, int initialLevel = 0) : base(inner)
    {
        if (hold < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(hold), hold, "hold time must not be negative");
        if (!Table.Contains(initialLevel)) throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"not a level of the table (0..{Table.Top})");
        Hold = hold;
        _level = initialLevel;
    }

    /// <summary>How long a lower level must have been enough before the level goes down.</summary>
    public SimTime Hold { get; }

    /// <summary>Decisions that wanted a lower level and were held at the current one.</summary>
    public long HeldDown { get; private set; }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time)
    {
        var inner = Inner.Decide(time);
        int target = inner.Level;
        if (target >= _level)
        {
            _level = target;
            _lowSince = null;
        }
        else if (_lowSince is null)
        {
            Open(time, target);
        }
        else
        {
            _lowEnough = Math.Max(_lowEnough, target);
            if (time - _lowSince.Value >= Hold)
            {
                _level = _lowEnough;
                _lowSince = null;
                if (target < _level) Open(time, target);
            }
        }
        if (_lowSince is not null) HeldDown++;
        SimTime? windowEnd = _lowSince is { } since ? since + Hold : null;
        return new(_level, LevelDecision.Earliest(inner.AskAgainAt, windowEnd));
    }

    private void Open(SimTime time, int target)
    {
        _lowSince = time;
        _lowEnough = target;
        if (Hold == SimTime.Zero) { _level = target; _lowSince = null; }
    }
}
