using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// What a <see cref="FluidBus"/> has carried, from its creation: whole bytes delivered per owner (credited when a flow
/// completes, or for the bytes moved so far when it is cancelled), each owner's current rate, busy time (at least one
/// flow on the bus) and time-weighted utilisation (sum of rates over the capacity in force). Updated only by the bus.
/// </summary>
public sealed class BusAccounting
{
    private readonly Dictionary<string, int> _indexByOwner = new(StringComparer.Ordinal);
    private readonly List<string> _owners = new();
    private long[] _delivered = new long[4];
    private double[] _rates = new double[4];
    private IOwnerRateSource? _rateSource;
    private long _elapsed;
    private double _utilizationArea; // sum of (rates / capacity) x picoseconds

    /// <summary>Owners in the order they were first seen; an owner's index never changes.</summary>
    public IReadOnlyList<string> Owners => _owners;

    /// <summary>Whole bytes delivered for all owners.</summary>
    public long TotalDeliveredBytes { get; private set; }

    /// <summary>Picoseconds during which at least one flow was on the bus.</summary>
    public long BusyPicoseconds { get; private set; }

    /// <summary>Picoseconds since the bus was created.</summary>
    public long ElapsedPicoseconds => _elapsed;

    /// <summary>Sum of the current rates over the current capacity, in [0, 1].</summary>
    public double CurrentUtilization { get; private set; }

    /// <summary>Utilisation averaged over time since creation; 0 before any time has passed.</summary>
    public double MeanUtilization => _elapsed == 0 ? 0 : _utilizationArea / _elapsed;

    /// <summary>Whole bytes delivered for <paramref name="owner"/>; 0 for an owner never seen.</summary>
    public long DeliveredBytes(string owner) => _indexByOwner.TryGetValue(owner, out int i) ? _delivered[i] : 0;

    /// <summary>Whole bytes delivered for the owner at <paramref name="index"/> in <see cref="Owners"/>.</summary>
    public long DeliveredBytes(int index) => _delivered[index];

    /// <summary>The sum of the current rates of <paramref name="owner"/>'s flows, B/s; 0 for an owner never seen.</summary>
    public double Rate(string owner) => _indexByOwner.TryGetValue(owner, out int i) ? Rate(i) : 0;

    /// <summary>The sum of the current rates of the flows of the owner at <paramref name="index"/> in <see cref="Owners"/>, B/s.</summary>
    public double Rate(int index) => _rateSource is { } source ? source.RateOf(index) : _rates[index];

    internal int IndexOf(string owner)
    {
        if (_indexByOwner.TryGetValue(owner, out int index)) return index;
        index = _owners.Count;
        _owners.Add(owner);
        _indexByOwner.Add(owner, index);
        if (index == _delivered.Length)
        {
            Array.Resize(ref _delivered, index * 2);
            Array.Resize(ref _rates, index * 2);
        }
        return index;
    }

    internal void Credit(int owner, long bytes)
    {
        _delivered[owner] = checked(_delivered[owner] + bytes);
        TotalDeliveredBytes = checked(TotalDeliveredBytes + bytes);
    }

    internal void ClearRates()
    {
        _rateSource = null;
        Array.Clear(_rates, 0, _owners.Count);
    }

    /// <summary>From now until <see cref="ClearRates"/>, owners' rates are asked of <paramref name="source"/> when read.</summary>
    internal void RatesFrom(IOwnerRateSource source) => _rateSource = source;

    internal void AddRate(int owner, double bytesPerSecond) => _rates[owner] += bytesPerSecond;

    internal void SetUtilization(double utilization) => CurrentUtilization = utilization;

    internal void Elapse(long picoseconds, bool busy)
    {
        _elapsed += picoseconds;
        if (busy) BusyPicoseconds += picoseconds;
        _utilizationArea += CurrentUtilization * picoseconds;
    }
}
