namespace Sim.Interconnect.Bus;

/// <summary>
/// How a <see cref="FluidBus"/> divides its capacity among its flows, and the per-owner reservations that shape it:
/// without reservations the division is exactly <see cref="MaxMinFairShare"/> over the flows' caps; with them, each
/// reserved owner's flows first share up to its reservation among themselves (max-min fair), owners in index order,
/// then every flow that can go faster, the reserved ones included, shares what is left max-min fairly.
/// <para>The division is the same arithmetic, operation for operation, as sorting every cap and filling the levels
/// (progressive filling, Bertsekas and Gallager, Data Networks, 6.5.2), but walks only the caps below the water
/// level, from the caps kept sorted by <see cref="CapIndex"/>: flows without a cap never enter it. Its result is a
/// water level (<see cref="Level"/>) that every flow not at a cap of its own runs at, plus, for a reserved owner
/// served first, its first share (<see cref="ClassRate"/> = share + level), and the flows at their caps with their
/// own rates (<see cref="AtCapCount"/>). Allocation-free once grown.</para>
/// </summary>
internal sealed class ReservedFairShare
{
    private double[] _reserved = new double[4];
    private readonly List<int> _reservedOwners = new();
    private double[] _share = new double[4];
    private bool[] _served = new bool[4];
    private int[] _cursor = new int[4];
    private readonly List<int> _servedOwners = new();
    private int[] _atCapSlots = new int[16];
    private double[] _atCapRates = new double[16];

    /// <summary>The water level of the last division, B/s (0 when nothing was left to share).</summary>
    public double Level { get; private set; }

    /// <summary>Flows found at their own rate by the last division.</summary>
    public int AtCapCount { get; private set; }

    /// <summary>How many owners the last division served first.</summary>
    public int ServedCount => _servedOwners.Count;

    /// <summary>The <paramref name="index"/>-th owner the last division served first, in index order.</summary>
    public int ServedOwner(int index) => _servedOwners[index];

    /// <summary>The slot of the <paramref name="index"/>-th flow found at its own rate.</summary>
    public int AtCapSlot(int index) => _atCapSlots[index];

    /// <summary>The rate of the <paramref name="index"/>-th flow found at its own rate.</summary>
    public double AtCapRate(int index) => _atCapRates[index];

    /// <summary>The rate reserved for owner <paramref name="owner"/> (an owner index), B/s (0 when none).</summary>
    public double ReservedAt(int owner) => owner < _reserved.Length ? _reserved[owner] : 0;

    /// <summary>Whether the last division served <paramref name="owner"/> first and left some of its flows below their caps.</summary>
    public bool HasClass(int owner) => owner < _served.Length && _served[owner] && !double.IsNaN(_share[owner]);

    /// <summary>The rate of <paramref name="owner"/>'s flows not at a cap (when <see cref="HasClass"/>): its first share plus the level.</summary>
    public double ClassRate(int owner) => _share[owner] + Level;

    /// <summary>Reserves <paramref name="bytesPerSecond"/> (0: none) for owner <paramref name="owner"/>; false when that was already its reservation.</summary>
    public bool SetReservation(int owner, double bytesPerSecond)
    {
        if (owner >= _reserved.Length) Array.Resize(ref _reserved, Math.Max(owner + 1, 2 * _reserved.Length));
        if (_reserved[owner] == bytesPerSecond) return false;
        if (_reserved[owner] > 0) _reservedOwners.Remove(owner);
        _reserved[owner] = bytesPerSecond;
        if (bytesPerSecond > 0)
        {
            int at = _reservedOwners.BinarySearch(owner);
            _reservedOwners.Insert(~at, owner);
        }
        return true;
    }

    /// <summary>Divides <paramref name="capacity"/> among the flows of <paramref name="table"/>; flows found at their caps are stamped with <paramref name="division"/>.</summary>
    public void Divide(double capacity, FlowTable table, CapIndex caps, long division)
    {
        foreach (int owner in _servedOwners) _served[owner] = false;
        _servedOwners.Clear();
        AtCapCount = 0;
        Level = 0;
        int n = table.Count;
        if (n == 0) return;
        if (n > _atCapSlots.Length)
        {
            Array.Resize(ref _atCapSlots, Math.Max(n, 2 * _atCapSlots.Length));
            Array.Resize(ref _atCapRates, _atCapSlots.Length);
        }
        double left = capacity;
        int excluded = 0;
        foreach (int owner in _reservedOwners)
        {
            if (!(left > 0)) break;
            int k = table.CountOf(owner);
            if (k == 0) continue;
            left = ServeFirst(owner, k, Math.Min(_reserved[owner], left), left, table, caps.Of(owner), division, ref excluded);
        }
        int m = n - excluded;
        if (m > 0 && left > 0) FillLevel(left, m, table, caps, division);
    }

    /// <summary>The first pass for a reserved owner's <paramref name="k"/> flows sharing <paramref name="reserved"/>; returns what is left of <paramref name="left"/>.</summary>
    private double ServeFirst(int owner, int k, double reserved, double left, FlowTable table, SortedCaps? ownCaps, long division, ref int excluded)
    {
        if (owner >= _served.Length)
        {
            int size = Math.Max(owner + 1, 2 * _served.Length);
            Array.Resize(ref _served, size);
            Array.Resize(ref _share, size);
            Array.Resize(ref _cursor, size);
        }
        int capped = ownCaps?.Count ?? 0, j = 0;
        double share = double.NaN;
        while (j < k)
        {
            share = reserved / (k - j);
            if (j < capped && ownCaps!.Cap(j) < share)
            {
                AddAtCap(table, ownCaps.Slot(j), ownCaps.Cap(j), division);
                reserved -= ownCaps.Cap(j++);
                share = double.NaN;
                continue;
            }
            break;
        }
        _served[owner] = true;
        _share[owner] = share;
        _servedOwners.Add(owner);
        excluded += j;
        if (j == 0)
        {
            for (int i = 0; i < k; i++) left -= share;
        }
        else
        {
            // Flows at their caps and at the share: what is left goes down in the order the flows sit in the table.
            for (int p = 0; p < table.Count; p++)
            {
                ref BusFlow flow = ref table.Flow(table.InOrder(p));
                if (flow.Owner == owner) left -= flow.AtCapIn == division ? flow.Cap : share;
            }
        }
        // A cap exactly at the share leaves nothing more to ask: such a flow stays at the share.
        while (j < capped && !(ownCaps!.Cap(j) - share > 0))
        {
            AddAtCap(table, ownCaps.Slot(j++), share, division);
            excluded++;
        }
        _cursor[owner] = j;
        return left;
    }

    /// <summary>The second pass: every flow that can go faster shares <paramref name="left"/>; the caps are residuals for owners served first.</summary>
    private void FillLevel(double left, int m, FlowTable table, CapIndex caps, long division)
    {
        SortedCaps all = caps.All;
        int g = 0, k = 0;
        while (true)
        {
            while (g < all.Count && _servedOwners.Count > 0 && IsServed(table.Flow(all.Slot(g)).Owner)) g++;
            double best = double.PositiveInfinity;
            int from = -2;
            if (g < all.Count)
            {
                best = all.Cap(g);
                from = -1;
            }
            foreach (int owner in _servedOwners)
            {
                SortedCaps? own = caps.Of(owner);
                if (double.IsNaN(_share[owner]) || own is null || _cursor[owner] >= own.Count) continue;
                double residual = own.Cap(_cursor[owner]) - _share[owner];
                if (residual < best)
                {
                    best = residual;
                    from = owner;
                }
            }
            double share = left / (m - k);
            if (from == -2 || !(best < share))
            {
                Level = share;
                return;
            }
            if (from == -1) AddAtCap(table, all.Slot(g++), 0 + best, division);
            else AddAtCap(table, caps.Of(from)!.Slot(_cursor[from]++), _share[from] + best, division);
            left -= best;
            if (++k == m) return; // every flow at its cap: no level
        }
    }

    private bool IsServed(int owner) => owner < _served.Length && _served[owner];

    private void AddAtCap(FlowTable table, int slot, double rate, long division)
    {
        _atCapSlots[AtCapCount] = slot;
        _atCapRates[AtCapCount++] = rate;
        table.Flow(slot).AtCapIn = division;
    }
}
