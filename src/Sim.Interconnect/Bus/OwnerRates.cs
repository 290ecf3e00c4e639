namespace Sim.Interconnect.Bus;

/// <summary>
/// Puts each owner's rate and the sum of all rates into a <see cref="BusAccounting"/> after a division, as the same
/// doubles as adding the flows' rates one by one in table order (<see cref="FlowTable.InOrder"/>). When every flow runs
/// at the water level (no caps reached, no reservation in play) an owner with k flows has k copies of the level added
/// from zero and the total n copies (<see cref="RepeatedSum"/>): O(owners with flows), not O(flows). Otherwise the
/// rates differ from flow to flow and are added one by one, as before.
/// </summary>
internal sealed class OwnerRates
{
    private readonly List<int> _owners = new();
    private bool[] _listed = new bool[4];
    private double[] _prefix = new double[16];
    private int _prefixCount;
    private double _prefixRate = double.NaN;

    /// <summary>Owner <paramref name="owner"/> has a flow: its rate is set at every division from now on until it has none.</summary>
    public void Touch(int owner)
    {
        if (owner >= _listed.Length) Array.Resize(ref _listed, Math.Max(owner + 1, 2 * _listed.Length));
        if (_listed[owner]) return;
        _listed[owner] = true;
        _owners.Add(owner);
    }

    /// <summary>Every flow of <paramref name="table"/> runs at <paramref name="level"/>; returns the total rate.</summary>
    public double SetUniform(BusAccounting accounting, FlowTable table, double level)
    {
        if (!level.Equals(_prefixRate))
        {
            _prefixRate = level;
            _prefixCount = 0;
        }
        for (int i = _owners.Count - 1; i >= 0; i--)
        {
            int owner = _owners[i];
            int k = table.CountOf(owner);
            accounting.SetRate(owner, k == 0 ? 0 : Prefix(k));
            if (k > 0) continue;
            _listed[owner] = false;
            _owners[i] = _owners[^1];
            _owners.RemoveAt(_owners.Count - 1);
        }
        return RepeatedSum.Of(level, table.Count);
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
