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
/// A bounded in-memory record of the bus over time, for CSV output: a point per level change, and either a point per
/// change of an owner's rate (exact, the default) or, with a <see cref="BinWidth"/>, each owner's mean rate over every
/// bin of that width (a point at the bin's start; a bin is written once time has passed its end, so the last, partial
/// bin is not). Binning keeps a long run's series small while conserving bytes: rate × width summed over the bins is
/// what the owner moved. Once <see cref="Capacity"/> points are held in total, later points are dropped and
/// <see cref="Truncated"/> is set.
/// </summary>
public sealed class BusSeries
{
    private readonly List<LevelPoint> _levels = new();
    private readonly List<OwnerRatePoint> _rates = new();
    private double[] _lastRate = new double[4];
    private double[] _area = new double[4];
    private long _binStart;
    private long _lastTime;

    /// <summary>A series that keeps at most <paramref name="capacity"/> points, rates binned by <paramref name="binWidth"/> when given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity or the bin width is not positive.</exception>
    public BusSeries(int capacity, SimTime? binWidth = null)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "series capacity must be positive");
        if (binWidth is { } width && width <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(binWidth), binWidth, "a bin width must be positive");
        Capacity = capacity;
        BinWidth = binWidth;
    }

    /// <summary>The width of the rate bins; null for exact change points.</summary>
    public SimTime? BinWidth { get; }

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
        if (Truncated) return; // full for good: nothing this call could work out would be kept
        int owners = accounting.Owners.Count;
        if (owners > _lastRate.Length)
        {
            Array.Resize(ref _lastRate, Math.Max(owners, _lastRate.Length * 2));
            Array.Resize(ref _area, _lastRate.Length);
        }
        if (BinWidth is { } width)
        {
            AddBinned(time.Picoseconds, width.Picoseconds, accounting, owners);
            return;
        }
        for (int i = 0; i < owners; i++)
        {
            double rate = accounting.Rate(i);
            if (rate == _lastRate[i]) continue;
            if (!Room()) return;
            _lastRate[i] = rate;
            _rates.Add(new OwnerRatePoint(time, accounting.Owners[i], rate));
        }
    }

    /// <summary>Closes every bin that ended by <paramref name="now"/>, then accrues the rates in force since the last call and takes the new ones.</summary>
    private void AddBinned(long now, long width, BusAccounting accounting, int owners)
    {
        while (now >= _binStart + width)
        {
            long end = _binStart + width;
            bool any = false;
            for (int i = 0; i < owners; i++)
            {
                _area[i] += _lastRate[i] * (end - _lastTime);
                any |= _area[i] != 0;
            }
            if (any)
            {
                for (int i = 0; i < owners; i++)
                {
                    if (Room()) _rates.Add(new OwnerRatePoint(new SimTime(_binStart), accounting.Owners[i], _area[i] / width));
                    _area[i] = 0;
                }
            }
            _lastTime = end;
            _binStart = end;
            // Idle bins (every rate 0) write nothing: jump over them.
            if (!any && AllIdle(owners)) _binStart += (now - _binStart) / width * width;
            if (_lastTime < _binStart) _lastTime = _binStart;
        }
        for (int i = 0; i < owners; i++)
        {
            _area[i] += _lastRate[i] * (now - _lastTime);
            _lastRate[i] = accounting.Rate(i);
        }
        _lastTime = now;
    }

    private bool AllIdle(int owners)
    {
        for (int i = 0; i < owners; i++)
            if (_lastRate[i] != 0) return false;
        return true;
    }

    private bool Room()
    {
        if (_levels.Count + _rates.Count < Capacity) return true;
        Truncated = true;
        return false;
    }
}
