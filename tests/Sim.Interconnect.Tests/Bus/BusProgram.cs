using FsCheck;
using FsCheck.Fluent;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>The kinds of step in a fluid-bus program.</summary>
internal enum BusOpKind { Start, Cancel, SetCapacity, Advance, Reserve }

/// <summary>
/// One step: start a flow of <paramref name="Bytes"/> for owner <paramref name="Owner"/> capped at
/// <paramref name="Cap"/> (none when null); cancel the active flow picked by <paramref name="Pick"/>; set the capacity
/// to <paramref name="Capacity"/>; or let <paramref name="Delay"/> picoseconds pass.
/// </summary>
internal sealed record BusOp(BusOpKind Kind, long Bytes, int Owner, double? Cap, int Pick, double Capacity, long Delay)
{
    public override string ToString() => Kind switch
    {
        BusOpKind.Start => $"start({Bytes}B,vm{Owner},cap={Cap?.ToString("R") ?? "-"})",
        BusOpKind.Cancel => $"cancel(#{Pick})",
        BusOpKind.SetCapacity => $"capacity({Capacity:R})",
        BusOpKind.Reserve => $"reserve(vm0,{Capacity:R})",
        _ => $"advance({Delay}ps)",
    };
}

/// <summary>A random sequence of fluid-bus steps, shrinking by halves and by single steps.</summary>
internal sealed record BusProgram(double InitialCapacity, BusOp[] Ops)
{
    private static readonly Gen<double> Capacities = Gen.Frequency(
        (3, Gen.Choose(1, 1000).Select(m => m * 1e7)), // 10 MB/s .. 10 GB/s
        (1, Gen.Elements(1e9, 3e9, 7e3, 1e6 / 3)));

    private static readonly Gen<long> Sizes = Gen.Frequency(
        (3, Gen.Choose(1, 4_000_000).Select(b => (long)b)),
        (2, Gen.Choose(1, 100).Select(b => (long)b)),
        (1, Gen.Elements(0L, 1L, 1_000_000L, 3_000_000L, 1L << 30)));

    private static readonly Gen<double?> Caps = Gen.Frequency(
        (3, Gen.Constant<double?>(null)),
        (2, Gen.Choose(1, 3000).Select(m => (double?)(m * 1e6))),
        (1, Gen.Elements<double?>(1e3, 333.3e3, 5e8)));

    private static readonly Gen<long> Delays = Gen.Frequency(
        (1, Gen.Constant(0L)),
        (3, Gen.Choose(1, 1_000_000).Select(d => (long)d)),
        (3, Gen.Choose(1, 5_000).Select(d => d * 1_000_000L)));

    private static readonly Gen<BusOp> Op =
        from kind in Gen.Frequency((5, Gen.Constant(BusOpKind.Start)), (1, Gen.Constant(BusOpKind.Cancel)), (1, Gen.Constant(BusOpKind.SetCapacity)), (4, Gen.Constant(BusOpKind.Advance)))
        from bytes in Sizes
        from owner in Gen.Choose(0, 3)
        from cap in Caps
        from pick in Gen.Choose(0, 1000)
        from capacity in Capacities
        from delay in Delays
        select new BusOp(kind, bytes, owner, cap, pick, capacity, delay);

    private static readonly Gen<BusOp> OpOrReserve = Gen.Frequency(
        (8, Op),
        (1, from rate in Gen.Frequency((1, Gen.Constant(0.0)), (3, Capacities)) select new BusOp(BusOpKind.Reserve, 0, 0, null, 0, rate, 0)));

    /// <summary>Programs of 1 to 60 steps that also reserve bandwidth for owner vm0 (or lift it).</summary>
    public static Arbitrary<BusProgram> WithReservations { get; } = Arb.From(
        from capacity in Capacities from count in Gen.Choose(1, 60) from ops in Gen.ArrayOf(OpOrReserve, count) select new BusProgram(capacity, ops),
        program => program.Shrink());

    /// <summary>Programs of 1 to 60 steps.</summary>
    public static Arbitrary<BusProgram> Arbitrary { get; } = Arb.From(
        from capacity in Capacities from count in Gen.Choose(1, 60) from ops in Gen.ArrayOf(Op, count) select new BusProgram(capacity, ops),
        program => program.Shrink());

    public override string ToString() => $"capacity {InitialCapacity:R}, {Ops.Length} steps: {string.Join(' ', Ops.Select(o => o.ToString()))}";

    /// <summary>Smaller programs: halves, then one step fewer.</summary>
    public IEnumerable<BusProgram> Shrink()
    {
        if (Ops.Length > 1)
        {
            yield return this with { Ops = Ops[..(Ops.Length / 2)] };
            yield return this with { Ops = Ops[(Ops.Length / 2)..] };
        }
        for (int i = 0; i < Ops.Length && Ops.Length > 1; i++)
            yield return this with { Ops = [.. Ops[..i], .. Ops[(i + 1)..]] };
    }
}
