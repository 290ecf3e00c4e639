using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>
/// The bus as a fluid, max-min fair resource (issue 5): concurrent transfers ("flows") share the capacity as
/// <see cref="MaxMinFairShare"/> divides it, each up to its own rate cap. Rates are recomputed only at events (a flow
/// starts, is cancelled or completes; the capacity changes), never by time stepping; between events every flow drains
/// linearly. Completion times follow <see cref="FlowTiming"/>: rounded up to the picosecond, and a completed flow is
/// credited exactly its size. Pure and deterministic (no actors, no clocks, no randomness): the same calls give the
/// same completions. Flows that finish at the same picosecond complete in order of id.
/// <para>An owner may hold a reservation (<see cref="Reserve"/>, the bus QoS a priority policy gives a safety VM, as
/// NoC QoS regulators guarantee a real-time master its bandwidth): its flows first share up to the reserved rate among
/// themselves (max-min fair), owners in the order they were first seen; then every flow that can go faster, the
/// reserved ones included, shares what is left max-min fairly (<see cref="ReservedFairShare"/>). So the bus stays
/// work-conserving and never exceeds its capacity, and without reservations the division is exactly max-min fair.</para>
/// <para>Kept as processor sharing in virtual time (issue 21), so that an event no longer sorts and visits every flow:
/// flows at one rate share a virtual clock and are keyed by the point of it at which they finish (<see cref="RateClass"/>);
/// only flows at caps of their own are counted down one by one (<see cref="FlowClasses"/>); the division walks only the
/// caps below the water level (<see cref="ReservedFairShare"/>); per-owner rates cost O(owners with flows)
/// (<see cref="OwnerRates"/>). Rates, finishing times, delivered bytes and sums are
/// the same doubles and picoseconds the flow-by-flow bus gave: sums of equal rates by <see cref="RepeatedSum"/>, and a
/// flow's count-down replayed from its class's log whenever the virtual clock alone could round to another
/// picosecond.</para>
/// Time never goes backwards: every call takes the current time and first moves the bus to it.
/// </summary>
public sealed class FluidBus
{
    private readonly FlowTable _table = new();
    private readonly CapIndex _caps = new();
    private readonly FlowClasses _classes;
    private readonly ReservedFairShare _share = new();
    private readonly OwnerRates _rates = new();
    private readonly Queue<FlowCompletion> _ended = new();
    private readonly List<int> _due = new();
    private readonly Comparison<int> _byId;
    private long _division;
    private long _now;
    private double _capacity;
    private double _totalRate;

    /// <summary>An empty bus of <paramref name="bytesPerSecond"/> at <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive and finite.</exception>
    public FluidBus(double bytesPerSecond, SimTime start = default)
    {
        CheckCapacity(bytesPerSecond);
        _capacity = bytesPerSecond;
        _now = start.Picoseconds;
        _classes = new FlowClasses(_table);
        _classes.Settle(_now);
        _byId = (a, b) => _table.Flow(a).Id.CompareTo(_table.Flow(b).Id);
    }

    /// <summary>The capacity in force, B/s.</summary>
    public double Capacity => _capacity;

    /// <summary>The time the bus has been moved to.</summary>
    public SimTime Now => new(_now);

    /// <summary>Flows on the bus.</summary>
    public int ActiveCount => _table.Count;

    /// <summary>Bytes, busy time and utilisation carried so far.</summary>
    public BusAccounting Accounting { get; } = new();

    /// <summary>Starts flow <paramref name="id"/> of <paramref name="bytes"/> for <paramref name="owner"/>, no faster than <paramref name="rateCap"/> B/s (none when null). A flow of 0 bytes completes at once.</summary>
    /// <exception cref="ArgumentException">The id is already on the bus, the size is negative, the owner empty or the cap not positive.</exception>
    public void Start(SimTime now, long id, long bytes, string owner, double? rateCap = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"flow {id}: size must not be negative");
        if (bytes > 1L << 53) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"flow {id}: size above 2^53 bytes is not exact in the fluid model");
        if (rateCap is { } c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(rateCap), rateCap, $"flow {id}: rate cap must be positive");
        Advance(now);
        if (_table.TryFind(id, out _)) throw new ArgumentException($"flow {id} is already on the bus", nameof(id));
        int ownerIndex = Accounting.IndexOf(owner);
        if (bytes == 0)
        {
            _ended.Enqueue(new FlowCompletion(id, owner, 0, 0, now, now));
            return;
        }
        var flow = new BusFlow
        {
            Id = id,
            Bytes = bytes,
            Owner = ownerIndex,
            Cap = rateCap ?? double.PositiveInfinity,
            StartedAt = _now,
        };
        int slot = _table.Add(flow);
        _caps.Add(flow, slot);
        _classes.Enter(slot);
        Reschedule();
    }

    /// <summary>
    /// Takes flow <paramref name="id"/> off the bus; its owner is credited the whole bytes moved so far (rounded down),
    /// which <paramref name="deliveredBytes"/> returns. False (and 0) when the flow is not on the bus (never started,
    /// or already completed, including a completion due at <paramref name="now"/>).
    /// </summary>
    public bool Cancel(SimTime now, long id, out long deliveredBytes)
    {
        Advance(now);
        deliveredBytes = 0;
        if (!_table.TryFind(id, out int slot)) return false;
        ref BusFlow flow = ref _table.Flow(slot);
        double remaining = _classes.Leave(slot);
        deliveredBytes = Math.Clamp((long)Math.Floor(flow.Bytes - remaining), 0, flow.Bytes);
        Accounting.Credit(flow.Owner, deliveredBytes);
        _ended.Enqueue(new FlowCompletion(flow.Id, Accounting.Owners[flow.Owner], flow.Bytes, deliveredBytes, new SimTime(flow.StartedAt), now));
        _caps.Remove(flow);
        _table.Remove(slot);
        Reschedule();
        return true;
    }

    /// <summary>
    /// Reserves <paramref name="bytesPerSecond"/> (0: none) for <paramref name="owner"/>'s flows from <paramref name="now"/>
    /// on (see the class summary); the rates are recomputed at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite.</exception>
    public void Reserve(SimTime now, string owner, double bytesPerSecond)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (!(bytesPerSecond >= 0) || double.IsPositiveInfinity(bytesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "a reservation must be non-negative and finite");
        Advance(now);
        if (_share.SetReservation(Accounting.IndexOf(owner), bytesPerSecond)) Reschedule();
    }

    /// <summary>The rate reserved for <paramref name="owner"/>, B/s (0 when none).</summary>
    public double ReservedFor(string owner)
    {
        for (int i = 0; i < Accounting.Owners.Count; i++)
            if (Accounting.Owners[i] == owner) return _share.ReservedAt(i);
        return 0;
    }

    /// <summary>Changes the capacity at <paramref name="now"/>; flows due before then complete at the old capacity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive and finite.</exception>
    public void SetCapacity(SimTime now, double bytesPerSecond)
    {
        CheckCapacity(bytesPerSecond);
        Advance(now);
        if (bytesPerSecond == _capacity) return;
        _capacity = bytesPerSecond;
        Reschedule();
    }

    /// <summary>
    /// Moves the bus to <paramref name="now"/>: drains every flow at its rate, completing, in time order, each flow due
    /// at or before <paramref name="now"/> (the rates of the others are recomputed at each completion). Completed flows
    /// wait in <see cref="TryTakeEnded"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before <see cref="Now"/>.</exception>
    public void Advance(SimTime now)
    {
        long to = now.Picoseconds;
        if (to < _now) throw new ArgumentException($"fluid bus: time went backwards, {now} is before {new SimTime(_now)}", nameof(now));
        while (_table.Count > 0 && _classes.NextAt <= to)
        {
            MoveTo(_classes.NextAt);
            CompleteDue();
            Reschedule();
        }
        MoveTo(to);
    }

    /// <summary>
    /// The earliest completion ahead (time and flow id), or false when the bus is empty. A flow that would take longer
    /// than <see cref="FlowTiming.Horizon"/> at its current rate reports <see cref="SimTime.MaxValue"/> until a later
    /// event gives it a faster rate.
    /// </summary>
    public bool TryGetNextCompletion(out SimTime at, out long id)
    {
        if (_table.Count == 0)
        {
            at = SimTime.MaxValue;
            id = 0;
            return false;
        }
        at = new SimTime(_classes.NextAt);
        id = _classes.NextId;
        return true;
    }

    /// <summary>The oldest flow that completed or was cancelled and has not been taken yet.</summary>
    public bool TryTakeEnded(out FlowCompletion ended) => _ended.TryDequeue(out ended);

    /// <summary>Whether flow <paramref name="id"/> is on the bus.</summary>
    public bool IsActive(long id) => _table.TryFind(id, out _);

    /// <summary>The current rate of flow <paramref name="id"/>, B/s; 0 when it is not on the bus.</summary>
    public double RateOf(long id) => _table.TryFind(id, out int slot) ? _classes.RateOf(slot) : 0;

    /// <summary>The cap of flow <paramref name="id"/>, B/s (<see cref="double.PositiveInfinity"/> for none); 0 when it is not on the bus.</summary>
    public double CapOf(long id) => _table.TryFind(id, out int slot) ? _table.Flow(slot).Cap : 0;

    /// <summary>Bytes flow <paramref name="id"/> still has to move, as a fluid quantity; 0 when it is not on the bus.</summary>
    public double RemainingOf(long id) => _table.TryFind(id, out int slot) ? _classes.RemainingOf(slot) : 0;

    /// <summary>The sum of the current rates, B/s.</summary>
    public double TotalRate => _totalRate;

    /// <summary>Copies the ids of the flows on the bus into <paramref name="ids"/> (cleared first), for inspection.</summary>
    public void CopyActiveIds(List<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ids.Clear();
        for (int i = 0; i < _table.Count; i++) ids.Add(_table.Flow(_table.InOrder(i)).Id);
    }

    private void MoveTo(long to)
    {
        long dt = to - _now;
        if (dt == 0) return;
        _classes.Elapse(dt);
        Accounting.Elapse(dt, _table.Count > 0);
        _now = to;
    }

    /// <summary>Completes every flow due now, in order of id.</summary>
    private void CompleteDue()
    {
        _due.Clear();
        _classes.CollectDue(_now, _due);
        if (_due.Count > 1) _due.Sort(_byId);
        foreach (int slot in _due)
        {
            ref BusFlow flow = ref _table.Flow(slot);
            Accounting.Credit(flow.Owner, flow.Bytes);
            _ended.Enqueue(new FlowCompletion(flow.Id, Accounting.Owners[flow.Owner], flow.Bytes, flow.Bytes, new SimTime(flow.StartedAt), new SimTime(_now)));
            _classes.Complete(slot);
            _caps.Remove(flow);
            _table.Remove(slot);
        }
    }

    /// <summary>Recomputes rates and finishing times at the current time, completing at once any flow with nothing left.</summary>
    private void Reschedule()
    {
        while (true)
        {
            Recompute();
            if (_table.Count == 0 || _classes.NextAt > _now) return;
            CompleteDue();
        }
    }

    private void Recompute()
    {
        _share.Divide(_capacity, _table, _caps, ++_division);
        _classes.Apply(_share, _division);
        _totalRate = _classes.Uniform
            ? _rates.SetUniform(Accounting, _table, _classes.PoolRate)
            : _rates.SetEach(Accounting, _table, _classes);
        Accounting.SetUtilization(Math.Min(1, _totalRate / _capacity));
        _classes.Settle(_now);
    }

    private static void CheckCapacity(double bytesPerSecond)
    {
        if (!(bytesPerSecond > 0) || double.IsPositiveInfinity(bytesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "bus capacity must be positive and finite");
    }
}
