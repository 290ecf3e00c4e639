using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Interconnect.Bus;
using Sim.Tests.Shared;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>
/// The issue's properties of the fluid bus over random programs of starts (random sizes, caps, owners), cancels,
/// capacity changes and time advances: bytes are conserved and capacity is never exceeded, and the shares are max-min
/// fair. What each run checks is in <see cref="BusProgramRunner"/>.
/// </summary>
public sealed class FluidBusPropertyTests
{
    [Fact]
    public void Bytes_are_conserved_capacity_and_caps_are_never_exceeded_and_shares_are_max_min_fair()
    {
        var property = Prop.ForAll(BusProgram.Arbitrary, program =>
        {
            string? failure = BusProgramRunner.Run(program);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void With_a_reservation_bytes_are_conserved_capacity_is_never_exceeded_the_reserved_owner_gets_its_guarantee_and_the_rest_is_fair()
    {
        var property = Prop.ForAll(BusProgram.WithReservations, program =>
        {
            string? failure = BusProgramRunner.Run(program);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Max_min_allocation_gives_every_flow_below_its_cap_the_highest_rate_and_fills_the_capacity_when_it_can()
    {
        var caps = Gen.Frequency(
            (1, Gen.Constant(double.PositiveInfinity)),
            (2, Gen.Choose(1, 1000).Select(c => (double)c)));
        var cases = from capacity in Gen.Choose(1, 5000) from list in Gen.ArrayOf(caps) select (Capacity: (double)capacity, Caps: list);
        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            int n = c.Caps.Length;
            var rates = new double[n];
            MaxMinFairShare.Allocate(c.Capacity, c.Caps, rates, new double[n], new int[n]);
            double sum = rates.Sum();
            bool capped = Enumerable.Range(0, n).All(i => rates[i] <= c.Caps[i] * (1 + 1e-12) && rates[i] > 0);
            bool fair = Enumerable.Range(0, n).All(f => rates[f] >= c.Caps[f] * (1 - 1e-12)
                || Enumerable.Range(0, n).All(g => rates[f] >= rates[g] * (1 - 1e-12)));
            bool allAtCap = Enumerable.Range(0, n).All(i => rates[i] >= c.Caps[i] * (1 - 1e-12));
            bool filled = allAtCap || Math.Abs(sum - c.Capacity) <= c.Capacity * 1e-12;
            return (capped && fair && filled && sum <= c.Capacity * (1 + 1e-12))
                .Label($"rates [{string.Join(", ", rates)}] sum {sum}");
        });
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Advancing_in_one_jump_gives_the_same_completions_as_stopping_at_every_completion()
    {
        var property = Prop.ForAll(BusProgram.Arbitrary, program =>
        {
            var first = Completions(program, stepwise: false);
            var second = Completions(program, stepwise: true);
            return first.SequenceEqual(second).Label($"{first.Count} vs {second.Count} completions");
        });
        Check.One(PropertyRuns.Config(100), property);
    }

    private static List<FlowCompletion> Completions(BusProgram program, bool stepwise)
    {
        var bus = new FluidBus(program.InitialCapacity);
        var ended = new List<FlowCompletion>();
        var active = new List<long>();
        long now = 0, id = 0;
        foreach (var op in program.Ops)
        {
            var t = new SimTime(now);
            switch (op.Kind)
            {
                case BusOpKind.Start: bus.Start(t, ++id, op.Bytes, "vm" + op.Owner, op.Cap); break;
                case BusOpKind.Cancel:
                    bus.CopyActiveIds(active);
                    if (active.Count > 0) bus.Cancel(t, active[op.Pick % active.Count], out _);
                    break;
                case BusOpKind.SetCapacity: bus.SetCapacity(t, op.Capacity); break;
                case BusOpKind.Advance:
                    now += op.Delay;
                    while (stepwise && bus.TryGetNextCompletion(out var at, out _) && at.Picoseconds <= now) bus.Advance(at);
                    bus.Advance(new SimTime(now));
                    break;
            }
        }
        bus.SetCapacity(new SimTime(now), 1e10);
        bus.Advance(SimTime.FromSeconds(1e6));
        while (bus.TryTakeEnded(out var end)) ended.Add(end);
        return ended;
    }
}
