namespace Sim.Interconnect.Bus;

/// <summary>
/// Flows of a <see cref="FluidBus"/> that all run at one rate, served as processor sharing in virtual time (Demers,
/// Keshav and Shenker, Analysis and simulation of a fair queueing algorithm, SIGCOMM 1989; Parekh and Gallager's GPS):
/// the class keeps a virtual clock, the bytes each of its flows has been served, and each flow its finishing point
/// (the clock when it joined plus the bytes it had left) in a min-heap (<see cref="ServiceHeap"/>). Moving the bus
/// forward advances the clock once, not every flow.
/// <para>The bus's figures are those of counting every flow down at every event (<c>left = max(0, left - bytes
/// moved)</c>, rounded each time), not of the exact difference of point and clock; the two differ by a few units in
/// the last place, which moves a finishing time by a picosecond where the quotient lies at the edge of
/// <see cref="FlowTiming"/>'s snap. So the class also keeps the bytes moved at each step (a log) and each flow the
/// count-down as of some step: a finishing time is taken from the point when the count-down cannot round differently
/// (the two ends of the error bound give the same picosecond), and otherwise from the count-down, replayed from the
/// log. The log is cut once it is long, replaying first the few flows that are older.</para>
/// </summary>
internal sealed class RateClass
{
    private const int ShortestCut = 1 << 16;
    private const double ClockError = 1.0 / (1L << 48); // of a unit in the last place of the clock, per step

    private readonly FlowTable _table;
    private readonly ServiceHeap _heap;
    private readonly List<int> _first = new();
    private readonly List<int> _replayed = new();
    private double[] _log = new double[1024];
    private long _logBase;
    private int _logCount;
    private double _largest; // the most bytes any flow had left when it joined or was replayed, since the class was last empty
    private long _settledAt;

    /// <summary>An empty class over the flows of <paramref name="table"/>.</summary>
    public RateClass(FlowTable table)
    {
        _table = table;
        _heap = new ServiceHeap(table);
    }

    /// <summary>The rate every flow of the class runs at, B/s.</summary>
    public double Rate { get; set; }

    /// <summary>Flows in the class.</summary>
    public int Count => _heap.Count;

    /// <summary>The virtual clock: bytes served to each flow of the class since the class was last empty.</summary>
    public ServicePoint Clock { get; private set; }

    /// <summary>When the first flows finish, as fixed at the last <see cref="Settle"/> (<see cref="long.MaxValue"/>: none, or beyond the horizon).</summary>
    public long FirstFinish { get; private set; } = long.MaxValue;

    /// <summary>The smallest id among the flows finishing at <see cref="FirstFinish"/>.</summary>
    public long FirstId { get; private set; } = long.MaxValue;

    private long Step => _logBase + _logCount;

    /// <summary>Serves every flow <paramref name="picoseconds"/> at <see cref="Rate"/>.</summary>
    public void Elapse(long picoseconds)
    {
        if (Count == 0) return;
        if (_logCount == _log.Length) MakeRoom();
        double bytes = FlowTiming.BytesIn(picoseconds, Rate);
        Clock = Clock.Plus(bytes);
        _log[_logCount++] = bytes;
    }

    /// <summary>Adds the flow in <paramref name="slot"/> with <paramref name="remaining"/> bytes to move.</summary>
    public void Add(int slot, double remaining)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        flow.Remaining = remaining;
        flow.SyncStep = Step;
        _largest = Math.Max(_largest, remaining);
        _heap.Add(slot, Clock.Plus(remaining));
    }

    /// <summary>Takes the flow in <paramref name="slot"/> out; returns the bytes it still had to move.</summary>
    public double Remove(int slot)
    {
        double remaining = Replay(slot);
        Drop(slot);
        return remaining;
    }

    /// <summary>Takes the flow in <paramref name="slot"/> out, complete.</summary>
    public void Drop(int slot)
    {
        _heap.Remove(slot);
        if (Count > 0) return;
        Clock = default; // an idle class starts afresh
        _logBase += _logCount;
        _logCount = 0;
        _largest = 0;
    }

    /// <summary>Bytes the flow in <paramref name="slot"/> still has to move, now, counted down as the bus always did.</summary>
    public double RemainingOf(int slot)
    {
        double remaining = Replay(slot);
        _heap.Rekey(slot, Clock.Plus(remaining));
        return remaining;
    }

    /// <summary>Counts the flow in <paramref name="slot"/> down to now; its point must then be set afresh (<see cref="ServiceHeap.Rekey"/>).</summary>
    private double Replay(int slot)
    {
        ref BusFlow flow = ref _table.Flow(slot);
        for (long step = flow.SyncStep; step < Step; step++) flow.Remaining = Math.Max(0, flow.Remaining - _log[step - _logBase]);
        flow.SyncStep = Step;
        _largest = Math.Max(_largest, flow.Remaining);
        return flow.Remaining;
    }

    /// <summary>Fixes the finishing times at the rate in force from <paramref name="now"/> on, and finds the first.</summary>
    public void Settle(long now)
    {
        _settledAt = now;
        _first.Clear();
        FirstFinish = long.MaxValue;
        FirstId = long.MaxValue;
        if (Count == 0) return;
        // Any flow's count-down lies within this many bytes of its point minus the clock.
        double bound = (Step - _logBase + 2) * (Ulp(_largest) + Ulp(Math.Abs(Clock.Hi) + _largest) * ClockError);
        long best = long.MaxValue;
        _replayed.Clear();
        Walk(0, bound, ref best);
        // A replayed flow's point is set afresh from its count-down, so that its error bound starts again from there.
        foreach (int slot in _replayed) _heap.Rekey(slot, Clock.Plus(_table.Flow(slot).Remaining));
        FirstFinish = best;
        foreach (int slot in _first) FirstId = Math.Min(FirstId, _table.Flow(slot).Id);
    }

    /// <summary>Adds the flows finishing at <see cref="FirstFinish"/> to <paramref name="due"/>.</summary>
    public void CollectFirst(List<int> due) => due.AddRange(_first);

    /// <summary>Visits the heap from <paramref name="at"/> down while a flow may finish no later than the best so far.</summary>
    private void Walk(int at, double bound, ref long best)
    {
        if (at >= _heap.Count) return;
        double remaining = Math.Max(0, _heap.PointAt(at).Minus(Clock));
        if (FinishAt(Math.Max(0, remaining - bound - 4 * Ulp(remaining))) > best) return; // its children finish no earlier
        long finish = ExactFinish(at, remaining);
        if (finish < best)
        {
            best = finish;
            _first.Clear();
        }
        if (finish == best) _first.Add(_heap.SlotAt(at));
        Walk(2 * at + 1, bound, ref best);
        Walk(2 * at + 2, bound, ref best);
    }

    /// <summary>The finishing time of the flow at <paramref name="at"/> from its count-down, replayed only when its error bound straddles a picosecond.</summary>
    private long ExactFinish(int at, double remaining)
    {
        int slot = _heap.SlotAt(at);
        ref BusFlow flow = ref _table.Flow(slot);
        double error = (Step - flow.SyncStep + 2) * (Ulp(flow.Remaining) + Ulp(Math.Abs(_heap.PointAt(at).Hi)) * ClockError) + 2 * Ulp(remaining);
        long low = FinishAt(Math.Max(0, remaining - error));
        if (low == FinishAt(remaining + error)) return low;
        _replayed.Add(slot);
        return FinishAt(Replay(slot));
    }

    private long FinishAt(double remaining)
    {
        long drain = FlowTiming.PicosecondsToDrain(remaining, Rate);
        return drain >= FlowTiming.Horizon ? long.MaxValue : _settledAt + drain; // beyond the horizon: not before a later event
    }

    /// <summary>The log is full: grow it while it is short, else replay the flows not replayed in its first half and cut that half.</summary>
    private void MakeRoom()
    {
        if (_log.Length < Math.Max(ShortestCut, 4 * Count))
        {
            Array.Resize(ref _log, _log.Length * 2);
            return;
        }
        int cut = _logCount / 2;
        _replayed.Clear();
        for (int i = 0; i < _heap.Count; i++)
            if (_table.Flow(_heap.SlotAt(i)).SyncStep < _logBase + cut) _replayed.Add(_heap.SlotAt(i));
        foreach (int slot in _replayed) RemainingOf(slot);
        Array.Copy(_log, cut, _log, 0, _logCount - cut);
        _logBase += cut;
        _logCount -= cut;
    }

    private static double Ulp(double x) => Math.BitIncrement(x) - x;
}
