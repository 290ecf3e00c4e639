namespace Sim.Interconnect.Bus;

/// <summary>
/// Puts each owner's rate and the sum of all rates into a <see cref="BusAccounting"/> after a division, as the same
/// doubles as adding the flows' rates one by one in table order (<see cref="FlowTable.InOrder"/>). When every flow runs
/// at the water level (no caps reached, no reservation in play) an owner with k flows has k copies of the level added
/// from zero and the total n copies (<see cref="RepeatedSum"/>), and an owner's rate is worked out only when asked
/// (<see cref="BusAccounting.Rate(int)"/>): a division costs O(1) however many owners there are (issue 21). Otherwise
/// the rates differ from flow to flow and are added one by one, as before.
/// </summary>
internal sealed class OwnerRates : IOwnerRateSource
{
    private FlowTable? _table;
    private double[] _prefix = new double[16];
    private int _prefixCount;
    private double _prefixRate = double.NaN;

    /// <summary>Every flow of <paramref name="table"/> runs at <paramref name="level"/>; returns the total rate.</summary>
    public double SetUniform(BusAccounting accounting, FlowTable table, double level)
    {
        if (!level.Equals(_prefixRate))
        {
            _prefixRate = level;
            _prefixCount = 0;
        }
        _table = table;
        accounting.RatesFrom(this);
        return RepeatedSum.Of(level, table.Count);
    }

    /// <summary>Owner <paramref name="owner"/>'s rate under the last uniform division: its flows' count copies of the level.</summary>
    public double RateOf(int owner)
    {
        int k = _table!.CountOf(owner);
        return k == 0 ? 0 : Prefix(k);
    }

    /// <summary>The flows of <paramref name="table"/> run at the rates <paramref name="classes"/> give them; returns the total rate.</summary>
    public double SetEach(BusAccounting accounting, FlowTable table, FlowClasses classes)
    {
        accounting.ClearRates();
        double total = 0;
        for (int i = 0; i < table.Count; i++)
        {
            int slot = table.InOrder(i);
            double rate = classes.RateOf(slot);
            total += rate;
            accounting.AddRate(table.Flow(slot).Owner, rate);
        }
        return total;
    }

    /// <summary><paramref name="k"/> copies of the level added from zero, extended from the ones already made.</summary>
    private double Prefix(int k)
    {
        if (k > _prefix.Length) Array.Resize(ref _prefix, Math.Max(k, 2 * _prefix.Length));
        while (_prefixCount < k)
        {
            _prefix[_prefixCount] = (_prefixCount == 0 ? 0 : _prefix[_prefixCount - 1]) + _prefixRate;
            _prefixCount++;
        }
        return _prefix[k - 1];
    }
}
