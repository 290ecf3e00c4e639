namespace Sim.Interconnect.Bus;

/// <summary>
/// Max-min fair division of a capacity among flows with rate caps (progressive filling, "water-filling"; Bertsekas and
/// Gallager, Data Networks, 6.5.2): every flow gets an equal share unless its cap is lower, and what a capped flow
/// leaves is shared again among the others. The result has two properties the fluid bus relies on: the rates sum to
/// no more than the capacity (up to floating-point rounding), and every flow whose rate is below its cap has a rate
/// at least as high as any other flow's.
/// </summary>
public static class MaxMinFairShare
{
    /// <summary>
    /// Writes into <paramref name="rates"/> the max-min fair rates of flows capped at <paramref name="caps"/>
    /// (<see cref="double.PositiveInfinity"/> for no cap) sharing <paramref name="capacity"/>.
    /// <paramref name="sortedCaps"/> and <paramref name="order"/> are scratch space of at least the same length, so that
    /// the call allocates nothing. Deterministic: the rates depend only on the caps, not on ties in the sort.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than <paramref name="caps"/>, or the capacity or a cap is not positive.</exception>
    public static void Allocate(double capacity, ReadOnlySpan<double> caps, Span<double> rates, Span<double> sortedCaps, Span<int> order)
    {
        int n = caps.Length;
        if (rates.Length < n || sortedCaps.Length < n || order.Length < n)
            throw new ArgumentException($"scratch spans must hold {n} flows");
        if (!(capacity > 0) || double.IsPositiveInfinity(capacity))
            throw new ArgumentException($"capacity must be positive and finite, was {capacity}", nameof(capacity));
        for (int i = 0; i < n; i++)
        {
            if (!(caps[i] > 0)) throw new ArgumentException($"flow {i}: cap must be positive, was {caps[i]}", nameof(caps));
            order[i] = i;
            sortedCaps[i] = caps[i];
        }
        sortedCaps[..n].Sort(order[..n]);
        double left = capacity;
        for (int k = 0; k < n; k++)
        {
            double share = left / (n - k);
            if (sortedCaps[k] < share)
            {
                rates[order[k]] = sortedCaps[k];
                left -= sortedCaps[k];
                continue;
            }
            for (int j = k; j < n; j++) rates[order[j]] = share;
            return;
        }
    }
}
