namespace Sim.Interconnect.Bus;

/// <summary>
/// The finite rate caps of the flows on a <see cref="FluidBus"/>, kept sorted as flows come and go (all of them, and
/// each owner's), so that a division walks only the caps below its water level instead of sorting every flow. Flows
/// without a cap (every flow a scenario builds) are not here at all.
/// </summary>
internal sealed class CapIndex
{
    private readonly SortedCaps _all = new();
    private SortedCaps?[] _byOwner = new SortedCaps?[4];

    /// <summary>Every finite cap, ascending.</summary>
    public SortedCaps All => _all;

    /// <summary>The finite caps of <paramref name="owner"/>'s flows, ascending (null when it has none yet).</summary>
    public SortedCaps? Of(int owner) => owner < _byOwner.Length ? _byOwner[owner] : null;

    /// <summary>Adds the cap of <paramref name="flow"/> (in <paramref name="slot"/>) when it has one.</summary>
    public void Add(in BusFlow flow, int slot)
    {
        if (double.IsPositiveInfinity(flow.Cap)) return;
        _all.Add(flow.Cap, flow.Id, slot);
        if (flow.Owner >= _byOwner.Length) Array.Resize(ref _byOwner, Math.Max(flow.Owner + 1, 2 * _byOwner.Length));
        (_byOwner[flow.Owner] ??= new SortedCaps()).Add(flow.Cap, flow.Id, slot);
    }

    /// <summary>Removes the cap of <paramref name="flow"/> when it has one.</summary>
    public void Remove(in BusFlow flow)
    {
        if (double.IsPositiveInfinity(flow.Cap)) return;
        _all.Remove(flow.Cap, flow.Id);
        _byOwner[flow.Owner]!.Remove(flow.Cap, flow.Id);
    }
}

/// <summary>Caps with the id and slot of their flow, sorted by cap, then id.</summary>
internal sealed class SortedCaps
{
    private double[] _caps = new double[8];
    private long[] _ids = new long[8];
    private int[] _slots = new int[8];

    /// <summary>Caps held.</summary>
    public int Count { get; private set; }

    /// <summary>The <paramref name="index"/>-th smallest cap.</summary>
    public double Cap(int index) => _caps[index];

    /// <summary>The slot of the flow with the <paramref name="index"/>-th smallest cap.</summary>
    public int Slot(int index) => _slots[index];

    /// <summary>Inserts in order.</summary>
    public void Add(double cap, long id, int slot)
    {
        if (Count == _caps.Length)
        {
            Array.Resize(ref _caps, Count * 2);
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _slots, Count * 2);
        }
        int at = Find(cap, id);
        Array.Copy(_caps, at, _caps, at + 1, Count - at);
        Array.Copy(_ids, at, _ids, at + 1, Count - at);
        Array.Copy(_slots, at, _slots, at + 1, Count - at);
        _caps[at] = cap;
        _ids[at] = id;
        _slots[at] = slot;
        Count++;
    }

    /// <summary>Removes the entry of flow <paramref name="id"/>, capped at <paramref name="cap"/>.</summary>
    public void Remove(double cap, long id)
    {
        int at = Find(cap, id);
        Count--;
        Array.Copy(_caps, at + 1, _caps, at, Count - at);
        Array.Copy(_ids, at + 1, _ids, at, Count - at);
        Array.Copy(_slots, at + 1, _slots, at, Count - at);
    }

    /// <summary>The first index whose (cap, id) is not below (<paramref name="cap"/>, <paramref name="id"/>).</summary>
    private int Find(double cap, long id)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_caps[mid] < cap || (_caps[mid] == cap && _ids[mid] < id)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
