namespace Sim.Interconnect.Bus;

/// <summary>
/// The bus's performance levels, lowest first (level index 0 is the slowest): strictly increasing bandwidth and
/// non-decreasing power, as Linux OPP tables and SCMI DESCRIBE_LEVELS list them. Immutable.
/// </summary>
public sealed class OppTable
{
    private readonly OperatingPoint[] _levels;

    /// <summary>A table of <paramref name="levels"/>; throws when empty, unordered or not positive.</summary>
    public OppTable(IEnumerable<OperatingPoint> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        _levels = levels.ToArray();
        if (_levels.Length == 0) throw new ArgumentException("an OPP table needs at least one level", nameof(levels));
        for (int i = 0; i < _levels.Length; i++)
        {
            var level = _levels[i];
            if (!(level.BytesPerSecond > 0) || double.IsInfinity(level.BytesPerSecond))
                throw new ArgumentException($"level {i}: bandwidth must be positive and finite, was {level.BytesPerSecond}", nameof(levels));
            if (!(level.Watts >= 0) || double.IsInfinity(level.Watts))
                throw new ArgumentException($"level {i}: power must be non-negative and finite, was {level.Watts}", nameof(levels));
            if (i > 0 && level.BytesPerSecond <= _levels[i - 1].BytesPerSecond)
                throw new ArgumentException($"level {i}: bandwidth {level.BytesPerSecond} B/s is not above level {i - 1}'s {_levels[i - 1].BytesPerSecond} B/s", nameof(levels));
            if (i > 0 && level.Watts < _levels[i - 1].Watts)
                throw new ArgumentException($"level {i}: power {level.Watts} W is below level {i - 1}'s {_levels[i - 1].Watts} W", nameof(levels));
        }
    }

    /// <summary>Number of levels.</summary>
    public int Count => _levels.Length;

    /// <summary>The highest level's index.</summary>
    public int Top => _levels.Length - 1;

    /// <summary>Level <paramref name="index"/>.</summary>
    public OperatingPoint this[int index] => _levels[index];

    /// <summary>The levels, lowest first.</summary>
    public IReadOnlyList<OperatingPoint> Levels => _levels;

    /// <summary>The lowest level whose bandwidth is at least <paramref name="bytesPerSecond"/>; the top level when none is.</summary>
    public int LowestMeeting(double bytesPerSecond)
    {
        for (int i = 0; i < _levels.Length; i++)
            if (_levels[i].BytesPerSecond >= bytesPerSecond) return i;
        return Top;
    }

    /// <summary>Whether level <paramref name="index"/> exists.</summary>
    public bool Contains(int index) => (uint)index < (uint)_levels.Length;
}
