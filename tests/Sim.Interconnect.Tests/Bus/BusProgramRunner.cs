using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>
/// Runs a <see cref="BusProgram"/> against a <see cref="FluidBus"/>, stepping from event to event (every start, cancel,
/// capacity change and completion), and checks at each event the rate invariants, and at the end conservation.
/// Independently of the bus, it integrates each flow's observed rate over time, so that "a flow finishes when its bytes
/// are delivered" is checked against the rates the bus reported, not against its own bookkeeping.
/// With a reservation for vm0 in force, max-min fairness holds among the other owners' flows, and vm0's flows together
/// get at least the smaller of the reservation, their caps' sum and the capacity (a reservation of the whole capacity
/// may hold the others at rate 0 until it is lifted or the reserved flows end).
/// </summary>
internal static class BusProgramRunner
{
    /// <summary>Relative slack for floating-point sums of rates.</summary>
    private const double Slack = 1e-9;

    /// <summary>Null when every invariant held, else what broke.</summary>
    public static string? Run(BusProgram program)
    {
        var bus = new FluidBus(program.InitialCapacity);
        var started = new Dictionary<long, (long Bytes, string Owner, double? Cap)>();
        var integral = new Dictionary<long, double>();
        var ended = new Dictionary<long, FlowCompletion>();
        var active = new List<long>();
        long nextId = 1, now = 0;
        double reserved = 0;

        string? Step(long to)
        {
            // Rates are constant between events: integrate them up to each completion before the target, then to it.
            while (true)
            {
                long stop = bus.TryGetNextCompletion(out var at, out _) && at.Picoseconds <= to ? at.Picoseconds : to;
                bus.CopyActiveIds(active);
                foreach (long id in active) integral[id] += FlowTiming.BytesIn(stop - now, bus.RateOf(id));
                bus.Advance(new SimTime(stop));
                now = stop;
                string? broken = Collect() ?? CheckRates();
                if (broken is not null || stop == to) return broken;
            }
        }

        string? Collect()
        {
            while (bus.TryTakeEnded(out var end))
            {
                if (!ended.TryAdd(end.Id, end)) return $"flow {end.Id} ended twice";
                if (end.EndedAt.Picoseconds != now) return $"flow {end.Id} ended at {end.EndedAt}, reported at {new SimTime(now)}";
            }
            return null;
        }

        string? CheckRates()
        {
            bus.CopyActiveIds(active);
            double sum = 0, capacity = bus.Capacity, reservedRate = 0, reservedCaps = 0;
            bool someBelowCap = false;
            bool Reserved(long flow) => reserved > 0 && started[flow].Owner == "vm0";
            double reservedTotal = active.Where(Reserved).Sum(bus.RateOf);
            // A reservation that takes the whole capacity may leave the other owners' flows waiting at rate 0.
            bool othersMayWait = reservedTotal >= capacity * (1 - Slack);
            foreach (long f in active)
            {
                double rate = bus.RateOf(f), cap = bus.CapOf(f);
                sum += rate;
                if (Reserved(f))
                {
                    reservedRate += rate;
                    reservedCaps += cap;
                }
                if (!(rate > 0) && !(othersMayWait && !Reserved(f) && rate == 0)) return $"flow {f} has rate {rate}";
                if (rate > cap * (1 + Slack)) return $"flow {f} rate {rate} above its cap {cap}";
                if (rate >= cap * (1 - Slack)) continue;
                someBelowCap = true;
                if (Reserved(f)) continue;
                foreach (long g in active)
                    if (!Reserved(g) && bus.RateOf(g) > rate * (1 + Slack)) return $"not max-min fair: flow {f} below its cap at {rate} < flow {g} at {bus.RateOf(g)}";
            }
            if (sum > capacity * (1 + Slack)) return $"rates sum to {sum} above capacity {capacity}";
            double guaranteed = Math.Min(reserved, Math.Min(reservedCaps, capacity));
            if (reservedRate < guaranteed * (1 - Slack)) return $"vm0 got {reservedRate} B/s, below its guarantee {guaranteed} (reserved {reserved})";
            if (someBelowCap && sum < capacity * (1 - Slack)) return $"bus not saturated ({sum} of {capacity}) though a flow is below its cap";
            return null;
        }

        foreach (var op in program.Ops)
        {
            string? broken = null;
            switch (op.Kind)
            {
                case BusOpKind.Start:
                    long id = nextId++;
                    started.Add(id, (op.Bytes, "vm" + op.Owner, op.Cap));
                    integral.Add(id, 0);
                    bus.Start(new SimTime(now), id, op.Bytes, "vm" + op.Owner, op.Cap);
                    broken = Collect() ?? CheckRates();
                    break;
                case BusOpKind.Cancel:
                    bus.CopyActiveIds(active);
                    if (active.Count == 0) break;
                    long victim = active[op.Pick % active.Count];
                    double before = bus.RemainingOf(victim);
                    if (!bus.Cancel(new SimTime(now), victim, out long delivered)) return $"active flow {victim} could not be cancelled";
                    if (delivered != Math.Clamp((long)Math.Floor(started[victim].Bytes - before), 0, started[victim].Bytes))
                        return $"cancelled flow {victim} credited {delivered} B with {before} B left";
                    broken = Collect() ?? CheckRates();
                    break;
                case BusOpKind.SetCapacity:
                    bus.SetCapacity(new SimTime(now), op.Capacity);
                    broken = Collect() ?? CheckRates();
                    break;
                case BusOpKind.Advance:
                    broken = Step(now + op.Delay);
                    break;
                case BusOpKind.Reserve:
                    reserved = op.Capacity;
                    bus.Reserve(new SimTime(now), "vm0", op.Capacity);
                    broken = Collect() ?? CheckRates();
                    break;
            }
            if (broken is not null) return broken;
        }

        // Drain: a fast bus, then every completion in turn.
        bus.SetCapacity(new SimTime(now), 1e10);
        string? drained = Collect() ?? CheckRates();
        while (drained is null && bus.TryGetNextCompletion(out var next, out _)) drained = Step(next.Picoseconds);
        if (drained is not null) return drained;
        return CheckConservation(bus, started, ended, integral);
    }

    private static string? CheckConservation(FluidBus bus, Dictionary<long, (long Bytes, string Owner, double? Cap)> started,
        Dictionary<long, FlowCompletion> ended, Dictionary<long, double> integral)
    {
        if (bus.ActiveCount != 0) return $"{bus.ActiveCount} flows left after the drain";
        var byOwner = new Dictionary<string, long>();
        foreach (var (id, flow) in started)
        {
            if (!ended.TryGetValue(id, out var end)) return $"flow {id} never ended";
            if (end.Bytes != flow.Bytes || end.Owner != flow.Owner) return $"flow {id} ended as {end}";
            if (end.DeliveredBytes < 0 || end.DeliveredBytes > flow.Bytes) return $"flow {id} delivered {end.DeliveredBytes} of {flow.Bytes}";
            byOwner[flow.Owner] = byOwner.GetValueOrDefault(flow.Owner) + end.DeliveredBytes;
            double moved = integral[id];
            if (end.DeliveredBytes == flow.Bytes)
            {
                // Completed: the observed rates moved all its bytes, and at most one more picosecond's worth.
                double tolerance = flow.Bytes * Slack + 1e-6;
                if (moved < flow.Bytes - tolerance) return $"flow {id} completed after only {moved} of {flow.Bytes} B";
                if (moved > flow.Bytes + FlowTiming.BytesIn(1, 1e10) + tolerance) return $"flow {id} completed late, having moved {moved} of {flow.Bytes} B";
            }
            else if (end.DeliveredBytes > moved + 1e-6) return $"cancelled flow {id} credited {end.DeliveredBytes} B but moved {moved}";
        }
        foreach (var (owner, bytes) in byOwner)
            if (bus.Accounting.DeliveredBytes(owner) != bytes) return $"owner {owner}: accounting says {bus.Accounting.DeliveredBytes(owner)} B, flows say {bytes}";
        if (bus.Accounting.TotalDeliveredBytes != byOwner.Values.Sum()) return "total delivered bytes differ from the sum over owners";
        return null;
    }
}
