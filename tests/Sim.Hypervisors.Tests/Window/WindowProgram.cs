using Sim.Hypervisors.Platform;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>The kinds of step in a bounce-window program.</summary>
internal enum WindowOpKind { Map, DeviceWrite, Unmap }

/// <summary>
/// One step. A map bounces a buffer of <paramref name="Length"/> bytes at <paramref name="Offset"/> inside a fresh guest
/// region in <paramref name="Direction"/>; a device write picks a live mapping with <paramref name="Pick"/> and writes
/// <paramref name="Length"/> bytes at <paramref name="Offset"/> into it (clipped to the mapping; with
/// <paramref name="Stray"/>, just outside the window instead); an unmap picks a live mapping.
/// </summary>
internal sealed record WindowOp(WindowOpKind Kind, int Pick, int Offset, int Length, DmaDirection Direction, bool Stray, byte Seed)
{
    public override string ToString() => Kind switch
    {
        WindowOpKind.Map => $"map(+{Offset},{Length},{Direction})",
        WindowOpKind.DeviceWrite => Stray ? $"strayWrite({Length})" : $"write(#{Pick}+{Offset},{Length})",
        _ => $"unmap(#{Pick})",
    };
}

/// <summary>A random sequence of bounce-window steps, shrinking by halves and by single steps.</summary>
internal sealed record WindowProgram(WindowOp[] Ops)
{
    /// <summary>Slots in the window programs run against: small, so exhaustion and fragmentation are common.</summary>
    public const int Slots = 32;

    /// <summary>Bytes of guest memory each map's buffer gets to itself (below the window).</summary>
    public const int RegionSize = 0x8000;

    /// <summary>The most steps in a program; each map takes a fresh region, so regions never overlap.</summary>
    public const int MaxSteps = 60;

    private static readonly Gen<int> Lengths = Gen.Frequency(
        (4, Gen.Choose(1, 2 * 2048 + 1)),
        (3, Gen.Choose(1, 12 * 2048)),
        (1, Gen.Elements(1, 2048, 2049, 4096)),
        (1, Gen.Choose(RegionSize - 0x1000, RegionSize)),
        (1, Gen.Choose(Slots * 2048 + 1, 150 * 1024))); // more than the window: TooLarge, never copied

    private static readonly Gen<WindowOp> Op =
        from kind in Gen.Frequency((4, Gen.Constant(WindowOpKind.Map)), (4, Gen.Constant(WindowOpKind.DeviceWrite)), (3, Gen.Constant(WindowOpKind.Unmap)))
        from pick in Gen.Choose(0, 1000)
        from offset in Gen.Choose(0, 0xfff)
        from length in kind == WindowOpKind.DeviceWrite ? Gen.Choose(1, 6000) : Lengths
        from direction in Gen.Elements(DmaDirection.ToDevice, DmaDirection.FromDevice, DmaDirection.Bidirectional)
        from stray in Gen.Frequency((1, Gen.Constant(true)), (8, Gen.Constant(false)))
        from seed in Gen.Choose(0, 255)
        select new WindowOp(kind, pick, offset, kind == WindowOpKind.Map && length <= RegionSize ? Math.Min(length, RegionSize - offset) : length, direction, stray, (byte)seed);

    /// <summary>Programs of 1 to <see cref="MaxSteps"/> steps.</summary>
    public static Arbitrary<WindowProgram> Arbitrary { get; } = Arb.From(
        from count in Gen.Choose(1, MaxSteps) from ops in Gen.ArrayOf(Op, count) select new WindowProgram(ops),
        program => program.Shrink());

    public override string ToString() => $"{Ops.Length} steps: {string.Join(' ', Ops.Select(o => o.ToString()))}";

    /// <summary>Smaller programs: halves, then one step fewer.</summary>
    public IEnumerable<WindowProgram> Shrink()
    {
        if (Ops.Length > 1)
        {
            yield return new WindowProgram(Ops[..(Ops.Length / 2)]);
            yield return new WindowProgram(Ops[(Ops.Length / 2)..]);
        }
        for (int i = 0; i < Ops.Length && Ops.Length > 1; i++)
            yield return new WindowProgram([.. Ops[..i], .. Ops[(i + 1)..]]);
    }
}
