using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// The bus's performance level over time, and what it costs. Pure and deterministic.
/// <para>Transition semantics (the lifecycle is <see cref="BusLevelState"/>):</para>
/// <list type="bullet">
/// <item>A request for another level while <see cref="BusLevelState.Steady"/> starts a transition that takes the
/// <em>target</em> level's <see cref="OperatingPoint.TransitionLatency"/> (SCMI DESCRIBE_LEVELS gives the latency per
/// level). A request for the level in force is ignored.</item>
/// <item>During a transition the old level stays in force: its bandwidth is the capacity and its power is drawn. At the
/// end the target level takes over, in bandwidth and power at once. A zero-latency transition ends when requested.</item>
/// <item>A request during a transition is queued; a later one replaces it (the latest wins, as SCMI LEVEL_SET without
/// per-agent arbitration). A queued request equal to the transition's target is dropped. When the transition ends, a
/// queued request for a different level starts the next transition at that instant.</item>
/// </list>
/// Energy is the integral of the power of the level in force, in joules; a transition is counted when it ends.
/// </summary>
public sealed class BusLevelController
{
    private readonly long[] _picosecondsAt;
    private long _now;
    private long _transitionEndsAt;
    private int _target;
    private int? _queued;
    private double _energy;

    /// <summary>A bus at <paramref name="initialLevel"/> of <paramref name="table"/> from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in the table.</exception>
    public BusLevelController(OppTable table, int initialLevel, SimTime start = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        CheckLevel(initialLevel);
        Level = initialLevel;
        _now = start.Picoseconds;
        _picosecondsAt = new long[table.Count];
    }

    /// <summary>The performance levels.</summary>
    public OppTable Table { get; }

    /// <summary>The level in force (during a transition, the one being left).</summary>
    public int Level { get; private set; }

    /// <summary>The operating point in force: its bandwidth is the bus capacity, its power is being drawn.</summary>
    public OperatingPoint InForce => Table[Level];

    /// <summary>Whether a transition is under way.</summary>
    public BusLevelState State { get; private set; } = BusLevelState.Steady;

    /// <summary>The level being moved to; null when steady.</summary>
    public int? Target => State == BusLevelState.Transitioning ? _target : null;

    /// <summary>When the transition under way ends; null when steady.</summary>
    public SimTime? TransitionEndsAt => State == BusLevelState.Transitioning ? new SimTime(_transitionEndsAt) : null;

    /// <summary>The request waiting for the transition under way to end; null when none.</summary>
    public int? Queued => _queued;

    /// <summary>Transitions completed.</summary>
    public long Transitions { get; private set; }

    /// <summary>When the level in force last changed (the start time if it never did).</summary>
    public SimTime LevelSince { get; private set; }

    /// <summary>The time the controller has been moved to.</summary>
    public SimTime Now => new(_now);

    /// <summary>Asks for <paramref name="level"/> at <paramref name="now"/>, with the semantics of the class summary.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in the table.</exception>
    public void Request(SimTime now, int level)
    {
        CheckLevel(level);
        Advance(now);
        if (State == BusLevelState.Transitioning)
        {
            _queued = level == _target ? null : level;
            return;
        }
        if (level == Level) return;
        Begin(level);
        Advance(now); // a zero-latency transition ends at once
    }

    /// <summary>
    /// Moves to <paramref name="now"/>, ending every transition due at or before it (and starting a queued one at each
    /// end). True when the level in force changed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before <see cref="Now"/>.</exception>
    public bool Advance(SimTime now)
    {
        long to = now.Picoseconds;
        if (to < _now) throw new ArgumentException($"bus level: time went backwards, {now} is before {new SimTime(_now)}", nameof(now));
        bool changed = false;
        while (State == BusLevelState.Transitioning && _transitionEndsAt <= to)
        {
            MoveTo(_transitionEndsAt);
            Level = _target;
            LevelSince = new SimTime(_now);
            State = BusLevelState.Steady;
            Transitions++;
            changed = true;
            if (_queued is { } next)
            {
                _queued = null;
                if (next != Level) Begin(next);
            }
        }
        MoveTo(to);
        return changed;
    }

    /// <summary>Joules drawn from the start to <see cref="Now"/>.</summary>
    public double EnergyJoules => _energy;

    /// <summary>Time spent with <paramref name="level"/> in force, up to <see cref="Now"/>.</summary>
    public SimTime TimeAt(int level)
    {
        CheckLevel(level);
        return new SimTime(_picosecondsAt[level]);
    }

    private void Begin(int level)
    {
        _target = level;
        _transitionEndsAt = checked(_now + Table[level].TransitionLatency.Picoseconds);
        State = BusLevelState.Transitioning;
    }

    private void MoveTo(long to)
    {
        long dt = to - _now;
        if (dt == 0) return;
        _picosecondsAt[Level] += dt;
        _energy += Table[Level].Watts * dt / SimTime.PicosPerSecond;
        _now = to;
    }

    private void CheckLevel(int level)
    {
        if (!Table.Contains(level))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"bus level must be in [0, {Table.Top}]");
    }
}
