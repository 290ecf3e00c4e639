using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;
using Xunit.Abstractions;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>
/// The processor-sharing bus of issue 21 against the flow-by-flow allocator it replaced (<see cref="Reference.ReferenceFluidBus"/>),
/// over random programs of starts, cancels, capacity changes, reservations and caps (<see cref="FluidBusComparison"/>):
/// completions (ids, times, delivered bytes), rates and sums agree bit for bit, at scenario rates and at the 1 kB/s to
/// 333 kB/s the programs also drive flows at for hundreds of seconds (where a unit in the last place of a drain time is
/// a sizeable fraction of a picosecond), and over one long busy program whose class log is cut several times.
/// </summary>
public sealed class FluidBusComparisonTests(ITestOutputHelper log)
{
    [Fact]
    public void Without_caps_completions_rates_and_sums_are_exactly_the_reference_ones()
    {
        var uncapped = Arb.From(BusProgram.Arbitrary.Generator.Select(p => p with { Ops = [.. p.Ops.Select(o => o with { Cap = null })] }), p => p.Shrink());
        Check.One(PropertyRuns.Config(500), Prop.ForAll(uncapped, p => Label(FluidBusComparison.Run(p))));
    }

    [Fact]
    public void With_caps_completions_rates_and_sums_are_exactly_the_reference_ones()
    {
        Check.One(PropertyRuns.Config(500), Prop.ForAll(BusProgram.Arbitrary, p => Label(FluidBusComparison.Run(p))));
    }

    [Fact]
    public void With_reservations_completions_rates_and_sums_are_exactly_the_reference_ones()
    {
        Check.One(PropertyRuns.Config(500), Prop.ForAll(BusProgram.WithReservations, p => Label(FluidBusComparison.Run(p))));
    }

    [Fact]
    public void A_long_busy_program_gives_exactly_the_reference_completions()
    {
        // One huge flow keeps the pool busy throughout, so that its log grows past the point where it is cut; about 120
        // thousand steps at a load just under 1 keep tens of flows on the bus; some are capped, and vm0 holds
        // a reservation for a while.
        var random = new Random(21);
        var ops = new List<BusOp> { new(BusOpKind.Start, 1L << 30, 7, null, 0, 0, 0) };
        for (int i = 0; i < 60_000; i++)
        {
            double? cap = random.Next(10) == 0 ? random.Next(1, 4000) * 1e6 : null;
            ops.Add(new BusOp(BusOpKind.Start, random.Next(1, 20_000), random.Next(0, 7), cap, 0, 0, 0));
            ops.Add(new BusOp(BusOpKind.Advance, 0, 0, null, 0, 0, random.Next(0, 3_250_000)));
            if (i % 5000 == 2500) ops.Add(new BusOp(BusOpKind.Cancel, 0, 0, null, random.Next(0, 1000), 0, 0));
            if (i == 20_000) ops.Add(new BusOp(BusOpKind.Reserve, 0, 0, null, 0, 1.5e9, 0));
            if (i == 30_000) ops.Add(new BusOp(BusOpKind.Reserve, 0, 0, null, 0, 0, 0));
            if (i == 40_000) ops.Add(new BusOp(BusOpKind.SetCapacity, 0, 0, null, 0, 8e9, 0));
        }
        ops.Add(new BusOp(BusOpKind.Cancel, 0, 0, null, 0, 0, 0));
        string? difference = FluidBusComparison.Run(new BusProgram(6.4e9, [.. ops]));
        Assert.True(difference is null, difference);
    }

    private Property Label(string? difference)
    {
        if (difference is not null) log.WriteLine(difference);
        return (difference is null).Label(difference ?? "");
    }
}
