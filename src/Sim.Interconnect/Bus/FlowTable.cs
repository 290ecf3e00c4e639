namespace Sim.Interconnect.Bus;

/// <summary>
/// The flows on a <see cref="FluidBus"/>: their records in reusable slots, found by id, listed per owner (with a count),
/// and kept in the order the earlier bus kept its array (appended at the end, the last moved into a removed flow's
/// place), which is the order its flow-by-flow sums of rates were made in and <see cref="FluidBus.CopyActiveIds"/> lists.
/// </summary>
internal sealed class FlowTable
{
    /// <summary>The <see cref="BusFlow.Class"/> of a flow kept individually.</summary>
    public const int Individual = -1;

    private BusFlow[] _flows = new BusFlow[16];
    private int[] _order = new int[16];
    private int[] _free = new int[16];
    private int _freeCount;
    private int _used;
    private int[] _ownerHead = new int[4];
    private int[] _ownerCount = new int[4];
    private readonly Dictionary<long, int> _slotById = new();

    /// <summary>Flows on the bus.</summary>
    public int Count { get; private set; }

    /// <summary>The flow in <paramref name="slot"/>.</summary>
    public ref BusFlow Flow(int slot) => ref _flows[slot];

    /// <summary>The slot of the flow at <paramref name="position"/> in arrival order (see the class summary).</summary>
    public int InOrder(int position) => _order[position];

    /// <summary>The slot of flow <paramref name="id"/>, if it is on the bus.</summary>
    public bool TryFind(long id, out int slot) => _slotById.TryGetValue(id, out slot);

    /// <summary>Flows of owner <paramref name="owner"/>.</summary>
    public int CountOf(int owner) => owner < _ownerCount.Length ? _ownerCount[owner] : 0;

    /// <summary>The first flow of owner <paramref name="owner"/> (-1: none); the others follow <see cref="BusFlow.NextOfOwner"/>.</summary>
    public int FirstOf(int owner) => owner < _ownerHead.Length && _ownerCount[owner] > 0 ? _ownerHead[owner] : -1;

    /// <summary>Adds a flow; returns its slot.</summary>
    public int Add(in BusFlow flow)
    {
        int slot;
        if (_freeCount > 0) slot = _free[--_freeCount];
        else
        {
            if (_used == _flows.Length)
            {
                Array.Resize(ref _flows, _used * 2);
                Array.Resize(ref _order, _used * 2);
                Array.Resize(ref _free, _used * 2);
            }
            slot = _used++;
        }
        _flows[slot] = flow;
        _slotById.Add(flow.Id, slot);
        _order[Count] = slot;
        _flows[slot].OrderPosition = Count++;
        int owner = flow.Owner;
        if (owner >= _ownerHead.Length)
        {
            Array.Resize(ref _ownerHead, Math.Max(owner + 1, 2 * _ownerHead.Length));
            Array.Resize(ref _ownerCount, _ownerHead.Length);
        }
        int head = _ownerCount[owner] > 0 ? _ownerHead[owner] : -1;
        _flows[slot].NextOfOwner = head;
        _flows[slot].PreviousOfOwner = -1;
        if (head >= 0) _flows[head].PreviousOfOwner = slot;
        _ownerHead[owner] = slot;
        _ownerCount[owner]++;
        return slot;
    }

    /// <summary>Removes the flow in <paramref name="slot"/> (already out of its class).</summary>
    public void Remove(int slot)
    {
        ref BusFlow flow = ref _flows[slot];
        _slotById.Remove(flow.Id);
        int last = --Count;
        int position = flow.OrderPosition;
        if (position != last)
        {
            _order[position] = _order[last];
            _flows[_order[position]].OrderPosition = position;
        }
        if (flow.PreviousOfOwner >= 0) _flows[flow.PreviousOfOwner].NextOfOwner = flow.NextOfOwner;
        else _ownerHead[flow.Owner] = flow.NextOfOwner;
        if (flow.NextOfOwner >= 0) _flows[flow.NextOfOwner].PreviousOfOwner = flow.PreviousOfOwner;
        _ownerCount[flow.Owner]--;
        flow = default;
        _free[_freeCount++] = slot;
    }
}
