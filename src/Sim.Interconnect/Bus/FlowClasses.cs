namespace Sim.Interconnect.Bus;

/// <summary>
/// Where each flow of a <see cref="FluidBus"/> is kept between divisions: in the pool (<see cref="RateClass"/> of the
/// flows at the water level), in the class of a reserved owner served first (its share plus the level), or, at a
/// rate of its own (at its cap), individually, counted down flow by flow as the earlier bus counted every flow.
/// Applies a division of <see cref="ReservedFairShare"/> by moving only the flows whose place changed, moves time
/// forward once per class, and finds the next completion from the head of each class.
/// </summary>
internal sealed class FlowClasses
{
    private readonly FlowTable _table;
    private readonly RateClass _pool;
    private RateClass?[] _owned = new RateClass?[4];
    private readonly List<int> _ownedOwners = new();
    private int[] _targetOf = new int[4];
    private readonly List<int> _servedBefore = new();
    private int[] _individuals = new int[16];
    private int _individualCount;

    /// <summary>Classes over the flows of <paramref name="table"/>.</summary>
    public FlowClasses(FlowTable table)
    {
        _table = table;
        _pool = new RateClass(table);
    }

    /// <summary>The rate of the pool, the water level, B/s.</summary>
    public double PoolRate => _pool.Rate;

    /// <summary>Whether every flow runs at the water level (none at a cap, no owner served first).</summary>
    public bool Uniform
    {
        get
        {
            if (_individualCount > 0) return false;
            foreach (int owner in _ownedOwners)
                if (_owned[owner]!.Count > 0) return false;
            return true;
        }
    }

    /// <summary>The earliest finishing time fixed at the last <see cref="Settle"/> (<see cref="long.MaxValue"/>: none or beyond the horizon).</summary>
    public long NextAt { get; private set; }

    /// <summary>The smallest id of the flows finishing at <see cref="NextAt"/>.</summary>
    public long NextId { get; private set; }

    /// <summary>Takes in a new flow (in <paramref name="slot"/>); the next <see cref="Apply"/> gives it its place.</summary>
    public void Enter(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        flow.Remaining = flow.Bytes;
        AddIndividual(slot);
    }

    /// <summary>Takes the flow in <paramref name="slot"/> out of its place; returns the bytes it still had to move.</summary>
    public double Leave(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        if (flow.Class != FlowTable.Individual) return ClassAt(flow.Class).Remove(slot);
        RemoveIndividual(flow.HeapPosition);
        return flow.Remaining;
    }

    /// <summary>Takes the completed flow in <paramref name="slot"/> out of its place.</summary>
    public void Complete(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        if (flow.Class != FlowTable.Individual) ClassAt(flow.Class).Drop(slot);
        else RemoveIndividual(flow.HeapPosition);
    }

    /// <summary>Bytes the flow in <paramref name="slot"/> still has to move.</summary>
    public double RemainingOf(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        return flow.Class == FlowTable.Individual ? flow.Remaining : ClassAt(flow.Class).RemainingOf(slot);
    }

    /// <summary>The current rate of the flow in <paramref name="slot"/>, B/s.</summary>
    public double RateOf(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        return flow.Class == FlowTable.Individual ? flow.Rate : ClassAt(flow.Class).Rate;
    }

    /// <summary>Puts every flow where <paramref name="share"/>'s last division (number <paramref name="division"/>) says it runs.</summary>
    public void Apply(ReservedFairShare share, long division)
    {
        // Owners served first now and not before, or the other way round: their flows change class.
        for (int i = 0; i < share.ServedCount; i++) Retarget(share.ServedOwner(i), share.HasClass(share.ServedOwner(i)) ? share.ServedOwner(i) + 1 : 0);
        foreach (int owner in _servedBefore)
            if (!share.HasClass(owner)) Retarget(owner, 0);
        _servedBefore.Clear();
        for (int i = 0; i < share.ServedCount; i++) _servedBefore.Add(share.ServedOwner(i));
        for (int i = _individualCount - 1; i >= 0; i--)
        {
            int slot = _individuals[i];
            ref BusFlow flow = ref _table.Flow(slot);
            if (flow.AtCapIn == division) continue;
            RemoveIndividual(i);
            flow.Class = TargetOf(flow.Owner);
            ClassAt(flow.Class).Add(slot, flow.Remaining);
        }
        for (int i = 0; i < share.AtCapCount; i++)
        {
            int slot = share.AtCapSlot(i);
            ref BusFlow flow = ref _table.Flow(slot);
            if (flow.Class != FlowTable.Individual)
            {
                flow.Remaining = ClassAt(flow.Class).Remove(slot);
                AddIndividual(slot);
            }
            flow.Rate = share.AtCapRate(i);
        }
        _pool.Rate = share.Level;
        for (int i = 0; i < share.ServedCount; i++)
            if (share.HasClass(share.ServedOwner(i))) _owned[share.ServedOwner(i)]!.Rate = share.ClassRate(share.ServedOwner(i));
    }

    /// <summary>Moves every flow <paramref name="picoseconds"/> on at its rate.</summary>
    public void Elapse(long picoseconds)
    {
        _pool.Elapse(picoseconds);
        foreach (int owner in _ownedOwners) _owned[owner]!.Elapse(picoseconds);
        for (int i = 0; i < _individualCount; i++)
        {
            ref BusFlow flow = ref _table.Flow(_individuals[i]);
            flow.Remaining = Math.Max(0, flow.Remaining - FlowTiming.BytesIn(picoseconds, flow.Rate));
        }
    }

    /// <summary>Fixes every finishing time at the rates in force from <paramref name="now"/> on, and finds the next.</summary>
    public void Settle(long now)
    {
        long next = SettleClass(_pool, now);
        foreach (int owner in _ownedOwners) next = Math.Min(next, SettleClass(_owned[owner]!, now));
        for (int i = 0; i < _individualCount; i++)
        {
            ref BusFlow flow = ref _table.Flow(_individuals[i]);
            long drain = FlowTiming.PicosecondsToDrain(flow.Remaining, flow.Rate);
            flow.FinishAt = drain >= FlowTiming.Horizon ? long.MaxValue : now + drain; // beyond the horizon: not before a later event
            next = Math.Min(next, flow.FinishAt);
        }
        long id = long.MaxValue;
        if (_table.Count > 0)
        {
            if (_pool.FirstFinish == next) id = _pool.FirstId;
            foreach (int owner in _ownedOwners)
                if (_owned[owner]!.FirstFinish == next) id = Math.Min(id, _owned[owner]!.FirstId);
            for (int i = 0; i < _individualCount; i++)
            {
                ref BusFlow flow = ref _table.Flow(_individuals[i]);
                if (flow.FinishAt == next) id = Math.Min(id, flow.Id);
            }
        }
        NextAt = next;
        NextId = id;
    }

    /// <summary>Adds to <paramref name="due"/> the slot of every flow finishing at or before <paramref name="now"/>.</summary>
    public void CollectDue(long now, List<int> due)
    {
        // Nothing finishes before the earliest finishing time, which the bus has just reached: only each class's first flows can be due.
        if (_pool.FirstFinish <= now) _pool.CollectFirst(due);
        foreach (int owner in _ownedOwners)
            if (_owned[owner]!.FirstFinish <= now) _owned[owner]!.CollectFirst(due);
        for (int i = 0; i < _individualCount; i++)
            if (_table.Flow(_individuals[i]).FinishAt <= now) due.Add(_individuals[i]);
    }

    private static long SettleClass(RateClass rateClass, long now)
    {
        rateClass.Settle(now);
        return rateClass.FirstFinish;
    }

    private RateClass ClassAt(int index) => index == 0 ? _pool : _owned[index - 1]!;

    private int TargetOf(int owner) => owner < _targetOf.Length ? _targetOf[owner] : 0;

    /// <summary>Moves <paramref name="owner"/>'s flows kept in a class into class <paramref name="target"/>.</summary>
    private void Retarget(int owner, int target)
    {
        if (TargetOf(owner) == target) return;
        if (owner >= _targetOf.Length) Array.Resize(ref _targetOf, Math.Max(owner + 1, 2 * _targetOf.Length));
        _targetOf[owner] = target;
        if (target > 0)
        {
            if (owner >= _owned.Length) Array.Resize(ref _owned, Math.Max(owner + 1, 2 * _owned.Length));
            if (_owned[owner] is null)
            {
                _owned[owner] = new RateClass(_table);
                int at = _ownedOwners.BinarySearch(owner);
                _ownedOwners.Insert(~at, owner);
            }
        }
        for (int slot = _table.FirstOf(owner); slot >= 0; slot = _table.Flow(slot).NextOfOwner)
        {
            ref BusFlow flow = ref _table.Flow(slot);
            if (flow.Class == FlowTable.Individual) continue;
            double remaining = ClassAt(flow.Class).Remove(slot);
            flow.Class = target;
            ClassAt(target).Add(slot, remaining);
        }
    }

    private void AddIndividual(int slot)
    {
        if (_individualCount == _individuals.Length) Array.Resize(ref _individuals, _individualCount * 2);
        ref BusFlow flow = ref _table.Flow(slot);
        flow.Class = FlowTable.Individual;
        flow.HeapPosition = _individualCount;
        _individuals[_individualCount++] = slot;
    }

    private void RemoveIndividual(int position)
    {
        int last = --_individualCount;
        if (position != last)
        {
            _individuals[position] = _individuals[last];
            _table.Flow(_individuals[position]).HeapPosition = position;
        }
    }
}
