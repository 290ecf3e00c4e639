using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>The bus level from <see cref="Time"/> on.</summary>
/// <param name="Time">When the level took force.</param>
/// <param name="Level">The level index.</param>
public readonly record struct LevelPoint(SimTime Time, int Level);

/// <summary>An owner's total rate from <see cref="Time"/> on.</summary>
/// <param name="Time">When the rate took effect.</param>
/// <param name="Owner">Whose flows.</param>
/// <param name="BytesPerSecond">The sum of the owner's flow rates.</param>
public readonly record struct OwnerRatePoint(SimTime Time, string Owner, double BytesPerSecond);

/// <summary>
/// A bounded in-memory record of the bus over time, for CSV output: a point per level change and a point per change of
/// an owner's rate. Once <see cref="Capacity"/> points are held in total, later points are dropped and
/// <see cref="Truncated"/> is set.
/// </summary>
public sealed class BusSeries
{
    private readonly List<LevelPoint> _levels = new();
    private readonly List<OwnerRatePoint> _rates = new();
    private double[] _lastRate = new double[4];

    /// <summary>A series that keeps at most <paramref name="capacity"/> points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive.</exception>
    public BusSeries(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "series capacity must be positive");
        Capacity = capacity;
    }

    /// <summary>The most points kept.</summary>
    public int Capacity { get; }

    /// <summary>Whether points were dropped for lack of room.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Level changes, in time order.</summary>
    public IReadOnlyList<LevelPoint> Levels => _levels;

    /// <summary>Owner rate changes, in time order (owners in first-seen order within a time).</summary>
    public IReadOnlyList<OwnerRatePoint> OwnerRates => _rates;

    /// <summary>Records that <paramref name="level"/> took force at <paramref name="time"/>.</summary>
    public void AddLevel(SimTime time, int level)
    {
        if (Room()) _levels.Add(new LevelPoint(time, level));
    }

    /// <summary>Records, at <paramref name="time"/>, every owner of <paramref name="accounting"/> whose rate changed since the last call.</summary>
    public void AddOwnerRates(SimTime time, BusAccounting accounting)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        int owners = accounting.Owners.Count;
        if (owners > _lastRate.Length) Array.Resize(ref _lastRate, Math.Max(owners, _lastRate.Length * 2));
        for (int i = 0; i < owners; i++)
        {
            double rate = accounting.Rate(i);
            if (rate == _lastRate[i]) continue;
            if (!Room()) return;
            _lastRate[i] = rate;
            _rates.Add(new OwnerRatePoint(time, accounting.Owners[i], rate));
        }
    }

    private bool Room()
    {
        if (_levels.Count + _rates.Count < Capacity) return true;
        Truncated = true;
        return false;
    }
}
