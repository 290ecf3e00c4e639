using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus.Reference;

/// <summary>
/// The allocator as it was before issue 21 (a verbatim copy, renamed, kept as the reference the randomized comparison
/// in <c>FluidBusComparisonTests</c> checks the processor-sharing bus against).
/// How a <see cref="ReferenceFluidBus"/> divides its capacity among its flows, and the per-owner reservations that shape it:
/// without reservations the division is exactly <see cref="MaxMinFairShare"/> over the flows' caps; with them, each
/// reserved owner's flows first share up to its reservation among themselves (max-min fair), owners in index order,
/// then every flow that can go faster, the reserved ones included, shares what is left max-min fairly. Holds its
/// scratch space, grown on demand, so that a division allocates nothing once the bus has seen its largest flow count.
/// </summary>
internal sealed class ReferenceReservedFairShare
{
    private double[] _caps = new double[16];
    private double[] _rates = new double[16];
    private double[] _sortedCaps = new double[16];
    private int[] _order = new int[16];
    private int[] _index = new int[16];
    private double[] _given = new double[16];
    private double[] _reserved = new double[4];
    private bool _anyReservation;

    /// <summary>The rate reserved for owner <paramref name="owner"/> (an owner index), B/s (0 when none).</summary>
    public double ReservedAt(int owner) => owner < _reserved.Length ? _reserved[owner] : 0;

    /// <summary>Reserves <paramref name="bytesPerSecond"/> (0: none) for owner <paramref name="owner"/>; false when that was already its reservation.</summary>
    public bool SetReservation(int owner, double bytesPerSecond)
    {
        if (owner >= _reserved.Length) Array.Resize(ref _reserved, Math.Max(owner + 1, 2 * _reserved.Length));
        if (_reserved[owner] == bytesPerSecond) return false;
        _reserved[owner] = bytesPerSecond;
        _anyReservation = _reserved.Any(r => r > 0);
        return true;
    }

    /// <summary>
    /// The rates of flows capped at <paramref name="caps"/> and owned by <paramref name="owners"/> (same length) sharing
    /// <paramref name="capacity"/>, valid until the next call.
    /// </summary>
    public ReadOnlySpan<double> Allocate(double capacity, ReadOnlySpan<double> caps, ReadOnlySpan<int> owners)
    {
        int n = caps.Length;
        if (n > _rates.Length) Grow(n);
        if (_anyReservation) AllocateWithReservations(capacity, caps, owners);
        else if (n > 0) MaxMinFairShare.Allocate(capacity, caps, _rates, _sortedCaps, _order);
        return _rates.AsSpan(0, n);
    }

    private void AllocateWithReservations(double capacity, ReadOnlySpan<double> flowCaps, ReadOnlySpan<int> owners)
    {
        int n = flowCaps.Length;
        for (int i = 0; i < n; i++) _given[i] = 0;
        double left = capacity;
        for (int owner = 0; owner < _reserved.Length && left > 0; owner++)
        {
            if (_reserved[owner] <= 0) continue;
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                if (owners[i] != owner) continue;
                _index[k] = i;
                _caps[k++] = flowCaps[i];
            }
            if (k == 0) continue;
            MaxMinFairShare.Allocate(Math.Min(_reserved[owner], left), _caps.AsSpan(0, k), _rates, _sortedCaps, _order);
            for (int j = 0; j < k; j++)
            {
                _given[_index[j]] = _rates[j];
                left -= _rates[j];
            }
        }
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            double residual = flowCaps[i] - _given[i];
            if (!(residual > 0)) continue;
            _index[m] = i;
            _caps[m++] = residual;
        }
        if (m > 0 && left > 0) MaxMinFairShare.Allocate(left, _caps.AsSpan(0, m), _rates, _sortedCaps, _order);
        else for (int j = 0; j < m; j++) _rates[j] = 0;
        for (int j = 0; j < m; j++) _given[_index[j]] += _rates[j];
        for (int i = 0; i < n; i++) _rates[i] = _given[i];
    }

    private void Grow(int atLeast)
    {
        int size = _rates.Length;
        while (size < atLeast) size *= 2;
        Array.Resize(ref _caps, size);
        Array.Resize(ref _rates, size);
        Array.Resize(ref _sortedCaps, size);
        Array.Resize(ref _order, size);
        Array.Resize(ref _index, size);
        Array.Resize(ref _given, size);
    }
}
