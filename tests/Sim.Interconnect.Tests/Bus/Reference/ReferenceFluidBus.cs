using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus.Reference;

/// <summary>
/// The fluid bus as it was before issue 21 (a verbatim copy of <c>FluidBus</c>, renamed): every event copies and sorts
/// every cap, counts every flow down and scans every flow for the next completion. Kept as the reference the
/// randomized comparison (<see cref="FluidBusComparison"/>) checks the processor-sharing bus against.
/// </summary>
internal sealed class ReferenceFluidBus
{
    private ReferenceBusFlow[] _flows = new ReferenceBusFlow[16];
    private double[] _caps = new double[16];
    private int[] _owners = new int[16];
    private readonly ReferenceReservedFairShare _share = new();
    private readonly Dictionary<long, int> _slotById = new();
    private readonly Queue<FlowCompletion> _ended = new();
    private int _count;
    private int _next = -1;
    private long _now;
    private double _capacity;

    /// <summary>An empty bus of <paramref name="bytesPerSecond"/> at <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive and finite.</exception>
    public ReferenceFluidBus(double bytesPerSecond, SimTime start = default)
    {
        CheckCapacity(bytesPerSecond);
        _capacity = bytesPerSecond;
        _now = start.Picoseconds;
    }

    /// <summary>The capacity in force, B/s.</summary>
    public double Capacity => _capacity;

    /// <summary>The time the bus has been moved to.</summary>
    public SimTime Now => new(_now);

    /// <summary>Flows on the bus.</summary>
    public int ActiveCount => _count;

    /// <summary>Bytes, busy time and utilisation carried so far.</summary>
    public ReferenceBusAccounting Accounting { get; } = new();

    /// <summary>Starts flow <paramref name="id"/> of <paramref name="bytes"/> for <paramref name="owner"/>, no faster than <paramref name="rateCap"/> B/s (none when null). A flow of 0 bytes completes at once.</summary>
    /// <exception cref="ArgumentException">The id is already on the bus, the size is negative, the owner empty or the cap not positive.</exception>
    public void Start(SimTime now, long id, long bytes, string owner, double? rateCap = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"flow {id}: size must not be negative");
        if (bytes > 1L << 53) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"flow {id}: size above 2^53 bytes is not exact in the fluid model");
        if (rateCap is { } c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(rateCap), rateCap, $"flow {id}: rate cap must be positive");
        Advance(now);
        if (_slotById.ContainsKey(id)) throw new ArgumentException($"flow {id} is already on the bus", nameof(id));
        int ownerIndex = Accounting.IndexOf(owner);
        if (bytes == 0)
        {
            _ended.Enqueue(new FlowCompletion(id, owner, 0, 0, now, now));
            return;
        }
        if (_count == _flows.Length) Grow();
        _flows[_count] = new ReferenceBusFlow
        {
            Id = id,
            Bytes = bytes,
            Owner = ownerIndex,
            Cap = rateCap ?? double.PositiveInfinity,
            Remaining = bytes,
            StartedAt = _now,
        };
        _slotById.Add(id, _count);
        _count++;
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
        if (!_slotById.TryGetValue(id, out int slot)) return false;
        ref ReferenceBusFlow flow = ref _flows[slot];
        deliveredBytes = Math.Clamp((long)Math.Floor(flow.Bytes - flow.Remaining), 0, flow.Bytes);
        Accounting.Credit(flow.Owner, deliveredBytes);
        _ended.Enqueue(new FlowCompletion(flow.Id, Accounting.Owners[flow.Owner], flow.Bytes, deliveredBytes, new SimTime(flow.StartedAt), now));
        Remove(slot);
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
        while (_next >= 0 && _flows[_next].FinishAt <= to)
        {
            MoveTo(_flows[_next].FinishAt);
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
        if (_next < 0)
        {
            at = SimTime.MaxValue;
            id = 0;
            return false;
        }
        at = new SimTime(_flows[_next].FinishAt);
        id = _flows[_next].Id;
        return true;
    }

    /// <summary>The oldest flow that completed or was cancelled and has not been taken yet.</summary>
    public bool TryTakeEnded(out FlowCompletion ended) => _ended.TryDequeue(out ended);

    /// <summary>Whether flow <paramref name="id"/> is on the bus.</summary>
    public bool IsActive(long id) => _slotById.ContainsKey(id);

    /// <summary>The current rate of flow <paramref name="id"/>, B/s; 0 when it is not on the bus.</summary>
    public double RateOf(long id) => _slotById.TryGetValue(id, out int slot) ? _flows[slot].Rate : 0;

    /// <summary>The cap of flow <paramref name="id"/>, B/s (<see cref="double.PositiveInfinity"/> for none); 0 when it is not on the bus.</summary>
    public double CapOf(long id) => _slotById.TryGetValue(id, out int slot) ? _flows[slot].Cap : 0;

    /// <summary>Bytes flow <paramref name="id"/> still has to move, as a fluid quantity; 0 when it is not on the bus.</summary>
    public double RemainingOf(long id) => _slotById.TryGetValue(id, out int slot) ? _flows[slot].Remaining : 0;

    /// <summary>The sum of the current rates, B/s.</summary>
    public double TotalRate
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < _count; i++) sum += _flows[i].Rate;
            return sum;
        }
    }

    /// <summary>Copies the ids of the flows on the bus into <paramref name="ids"/> (cleared first), for inspection.</summary>
    public void CopyActiveIds(List<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ids.Clear();
        for (int i = 0; i < _count; i++) ids.Add(_flows[i].Id);
    }

    private void MoveTo(long to)
    {
        long dt = to - _now;
        if (dt == 0) return;
        for (int i = 0; i < _count; i++)
        {
            ref ReferenceBusFlow flow = ref _flows[i];
            flow.Remaining = Math.Max(0, flow.Remaining - FlowTiming.BytesIn(dt, flow.Rate));
        }
        Accounting.Elapse(dt, _count > 0);
        _now = to;
    }

    /// <summary>Completes every flow due now, in order of id.</summary>
    private void CompleteDue()
    {
        while (true)
        {
            int due = -1;
            for (int i = 0; i < _count; i++)
                if (_flows[i].FinishAt <= _now && (due < 0 || _flows[i].Id < _flows[due].Id)) due = i;
            if (due < 0) return;
            ref ReferenceBusFlow flow = ref _flows[due];
            Accounting.Credit(flow.Owner, flow.Bytes);
            _ended.Enqueue(new FlowCompletion(flow.Id, Accounting.Owners[flow.Owner], flow.Bytes, flow.Bytes, new SimTime(flow.StartedAt), new SimTime(_now)));
            Remove(due);
        }
    }

    /// <summary>Recomputes rates and finishing times at the current time, completing at once any flow with nothing left.</summary>
    private void Reschedule()
    {
        while (true)
        {
            Recompute();
            if (_next < 0 || _flows[_next].FinishAt > _now) return;
            CompleteDue();
        }
    }

    private void Recompute()
    {
        int n = _count;
        for (int i = 0; i < n; i++)
        {
            _caps[i] = _flows[i].Cap;
            _owners[i] = _flows[i].Owner;
        }
        ReadOnlySpan<double> rates = _share.Allocate(_capacity, _caps.AsSpan(0, n), _owners.AsSpan(0, n));
        Accounting.ClearRates();
        double total = 0;
        _next = -1;
        for (int i = 0; i < n; i++)
        {
            ref ReferenceBusFlow flow = ref _flows[i];
            flow.Rate = rates[i];
            total += flow.Rate;
            Accounting.AddRate(flow.Owner, flow.Rate);
            long drain = FlowTiming.PicosecondsToDrain(flow.Remaining, flow.Rate);
            flow.FinishAt = drain >= FlowTiming.Horizon ? long.MaxValue : _now + drain; // beyond the horizon: not before a later event
            if (_next < 0 || flow.FinishAt < _flows[_next].FinishAt
                || (flow.FinishAt == _flows[_next].FinishAt && flow.Id < _flows[_next].Id)) _next = i;
        }
        Accounting.SetUtilization(Math.Min(1, total / _capacity));
    }

    private void Remove(int slot)
    {
        _slotById.Remove(_flows[slot].Id);
        int last = _count - 1;
        if (slot != last)
        {
            _flows[slot] = _flows[last];
            _slotById[_flows[slot].Id] = slot;
        }
        _flows[last] = default;
        _count--;
        _next = -1; // stale until the next Recompute, which always follows
    }

    private void Grow()
    {
        int size = _flows.Length * 2;
        Array.Resize(ref _flows, size);
        Array.Resize(ref _caps, size);
        Array.Resize(ref _owners, size);
    }

    private static void CheckCapacity(double bytesPerSecond)
    {
        if (!(bytesPerSecond > 0) || double.IsPositiveInfinity(bytesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "bus capacity must be positive and finite");
    }
}
