using FsCheck;
using FsCheck.Fluent;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>The kinds of step in a grant program.</summary>
internal enum GrantOpKind { Grant, Map, Access, Unmap, EndAccess, Copy }

/// <summary>
/// One step. <paramref name="Pick"/> chooses a ref or handle (mostly one seen before, sometimes a raw number, some
/// beyond the table; for an access, two times in three the frame of a live mapping instead of <paramref name="Frame"/>);
/// <paramref name="Flag"/> is read-only for grants, writable for maps, write for accesses, and
/// "into the grant" for copies; <paramref name="Stranger"/> makes a map or copy come from a domain the grant is not for.
/// </summary>
internal sealed record GrantOp(GrantOpKind Kind, int Pick, int Frame, bool Flag, int Offset, int Length, bool Stranger, byte Seed)
{
    public override string ToString() => Kind switch
    {
        GrantOpKind.Grant => $"grant(f{Frame}{(Flag ? ",ro" : "")})",
        GrantOpKind.Map => $"map(#{Pick}{(Flag ? ",rw" : ",r")}{(Stranger ? ",stranger" : "")})",
        GrantOpKind.Access => $"{(Flag ? "write" : "read")}(f{Frame}/#{Pick}+{Offset},{Length})",
        GrantOpKind.Unmap => $"unmap(#{Pick},{1 + Seed % 4}cpu)",
        GrantOpKind.EndAccess => $"end(#{Pick})",
        _ => $"copy{(Flag ? "To" : "From")}(#{Pick}+{Offset},{Length}{(Stranger ? ",stranger" : "")})",
    };
}

/// <summary>A random sequence of grant steps, shrinking by halves and by single steps.</summary>
internal sealed record GrantProgram(GrantOp[] Ops)
{
    /// <summary>Data frames a program grants (page 0 holds the grant table).</summary>
    public const int Pages = 8;

    private static readonly Gen<int> Offsets = Gen.Frequency(
        (3, Gen.Choose(0, 64)),
        (2, Gen.Choose(4000, 4095)),
        (1, Gen.Choose(0, 4095)));

    private static readonly Gen<GrantOp> Op =
        from kind in Gen.Frequency(
            (3, Gen.Constant(GrantOpKind.Grant)), (3, Gen.Constant(GrantOpKind.Map)), (4, Gen.Constant(GrantOpKind.Access)),
            (2, Gen.Constant(GrantOpKind.Unmap)), (2, Gen.Constant(GrantOpKind.EndAccess)), (2, Gen.Constant(GrantOpKind.Copy)))
        from pick in Gen.Choose(0, 1000)
        from frame in kind == GrantOpKind.Grant ? Gen.Choose(1, Pages - 1) : Gen.Choose(0, Pages - 1)
        from flag in Gen.Elements(true, false)
        from offset in Offsets
        from length in Gen.Choose(1, 128)
        from stranger in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from seed in Gen.Choose(0, 255)
        select new GrantOp(kind, pick, frame, flag, offset, length, stranger, (byte)seed);

    /// <summary>Programs of 1 to 50 steps.</summary>
    public static Arbitrary<GrantProgram> Arbitrary { get; } = Arb.From(
        from count in Gen.Choose(1, 50) from ops in Gen.ArrayOf(Op, count) select new GrantProgram(ops),
        program => program.Shrink());

    public override string ToString() => $"{Ops.Length} steps: {string.Join(' ', Ops.Select(o => o.ToString()))}";

    /// <summary>Smaller programs: halves, then one step fewer.</summary>
    public IEnumerable<GrantProgram> Shrink()
    {
        if (Ops.Length > 1)
        {
            yield return new GrantProgram(Ops[..(Ops.Length / 2)]);
            yield return new GrantProgram(Ops[(Ops.Length / 2)..]);
        }
        for (int i = 0; i < Ops.Length; i++) yield return new GrantProgram([.. Ops[..i], .. Ops[(i + 1)..]]);
    }
}
