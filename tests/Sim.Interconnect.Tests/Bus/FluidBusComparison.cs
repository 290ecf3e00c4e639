using Sim.Core.Time;
using Sim.Interconnect.Bus;
using Sim.Interconnect.Tests.Bus.Reference;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>
/// Runs one <see cref="BusProgram"/> on the processor-sharing <see cref="FluidBus"/> and on the flow-by-flow
/// <see cref="ReferenceFluidBus"/> side by side and reports the first place where they disagree: a completion (id,
/// owner, size, delivered bytes, start and end), the next completion announced, the flows on the bus and their order,
/// any flow's rate, the total rate, the utilisation, or an owner's rate or delivered bytes.
/// <para>Everything agrees exactly, times and delivered bytes included: where the virtual clock alone could round a
/// finishing time to another picosecond than the flow-by-flow count-down did, the bus replays the count-down
/// (<see cref="Sim.Interconnect.Bus.RateClass"/>), so no tolerance is needed.</para>
/// </summary>
internal static class FluidBusComparison
{
    /// <summary>Null when the two buses agreed throughout, else the first disagreement.</summary>
    /// <param name="program">The steps.</param>
    public static string? Run(BusProgram program)
    {
        var bus = new FluidBus(program.InitialCapacity);
        var reference = new ReferenceFluidBus(program.InitialCapacity);
        var ids = new List<long>();
        var referenceIds = new List<long>();
        long now = 0, nextId = 0;
        int step = 0;
        foreach (var op in program.Ops)
        {
            step++;
            var t = new SimTime(now);
            switch (op.Kind)
            {
                case BusOpKind.Start:
                    nextId++;
                    bus.Start(t, nextId, op.Bytes, "vm" + op.Owner, op.Cap);
                    reference.Start(t, nextId, op.Bytes, "vm" + op.Owner, op.Cap);
                    break;
                case BusOpKind.Cancel:
                    reference.CopyActiveIds(referenceIds);
                    if (referenceIds.Count == 0) break;
                    long victim = referenceIds[op.Pick % referenceIds.Count];
                    bool cancelled = bus.Cancel(t, victim, out long delivered);
                    bool referenceCancelled = reference.Cancel(t, victim, out long referenceDelivered);
                    if (cancelled != referenceCancelled || delivered != referenceDelivered)
                        return $"step {step}: cancel of {victim} gave ({cancelled}, {delivered} B), reference ({referenceCancelled}, {referenceDelivered} B)";
                    break;
                case BusOpKind.SetCapacity:
                    bus.SetCapacity(t, op.Capacity);
                    reference.SetCapacity(t, op.Capacity);
                    break;
                case BusOpKind.Reserve:
                    bus.Reserve(t, "vm0", op.Capacity);
                    reference.Reserve(t, "vm0", op.Capacity);
                    break;
                case BusOpKind.Advance:
                    now += op.Delay;
                    bus.Advance(new SimTime(now));
                    reference.Advance(new SimTime(now));
                    break;
            }
            if (Differ(bus, reference, ids, referenceIds) is { } difference) return $"step {step} ({op}): {difference}";
        }
        bus.CopyActiveIds(ids);
        foreach (long flow in ids)
            if (bus.RemainingOf(flow) != reference.RemainingOf(flow)) return $"flow {flow} has {bus.RemainingOf(flow):R} B left, reference {reference.RemainingOf(flow):R}";
        bus.SetCapacity(new SimTime(now), 1e10);
        reference.SetCapacity(new SimTime(now), 1e10);
        bus.Advance(SimTime.FromSeconds(1e6));
        reference.Advance(SimTime.FromSeconds(1e6));
        return Differ(bus, reference, ids, referenceIds) is { } last ? $"drain: {last}" : null;
    }

    private static string? Differ(FluidBus bus, ReferenceFluidBus reference, List<long> ids, List<long> referenceIds)
    {
        while (true)
        {
            bool got = bus.TryTakeEnded(out var end), referenceGot = reference.TryTakeEnded(out var expected);
            if (got != referenceGot || end != expected) return $"ended {(got ? end.ToString() : "nothing")}, reference {(referenceGot ? expected.ToString() : "nothing")}";
            if (!got) break;
        }
        bool next = bus.TryGetNextCompletion(out var at, out long id), referenceNext = reference.TryGetNextCompletion(out var referenceAt, out long referenceId);
        if (next != referenceNext || at != referenceAt || id != referenceId) return $"next completion {at}/{id}, reference {referenceAt}/{referenceId}";
        bus.CopyActiveIds(ids);
        reference.CopyActiveIds(referenceIds);
        if (!ids.SequenceEqual(referenceIds)) return $"flows [{string.Join(' ', ids)}], reference [{string.Join(' ', referenceIds)}]";
        // Not RemainingOf at every step: it counts a flow down to now (RateClass), which would hide the error of the virtual clock.
        foreach (long flow in ids)
            if (bus.RateOf(flow) != reference.RateOf(flow)) return $"flow {flow} at {bus.RateOf(flow):R} B/s, reference {reference.RateOf(flow):R}";
        if (bus.TotalRate != reference.TotalRate) return $"total rate {bus.TotalRate:R}, reference {reference.TotalRate:R}";
        if (bus.Accounting.CurrentUtilization != reference.Accounting.CurrentUtilization)
            return $"utilisation {bus.Accounting.CurrentUtilization:R}, reference {reference.Accounting.CurrentUtilization:R}";
        for (int i = 0; i < reference.Accounting.Owners.Count; i++)
            if (bus.Accounting.Rate(i) != reference.Accounting.Rate(i) || bus.Accounting.DeliveredBytes(i) != reference.Accounting.DeliveredBytes(i))
                return $"owner {reference.Accounting.Owners[i]} at {bus.Accounting.Rate(i):R} B/s with {bus.Accounting.DeliveredBytes(i)} B, reference {reference.Accounting.Rate(i):R} with {reference.Accounting.DeliveredBytes(i)}";
        return null;
    }
}
