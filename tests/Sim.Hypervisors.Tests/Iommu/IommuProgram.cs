using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Iommu;

namespace Sim.Hypervisors.Tests.Iommu;

/// <summary>The kinds of step a random IOMMU program takes.</summary>
internal enum IommuOpKind { Attach, Detach, Map, Unmap, Read, Write, Flush }

/// <summary>One step: its kind and the raw numbers it uses (domain 1-3, endpoint 1-2, IOVA page 0-7, ...).</summary>
internal readonly record struct IommuOp(IommuOpKind Kind, uint Domain, uint Endpoint, ulong Page, ulong Pages, ulong PhysPage, IommuMapFlags Flags, int Offset, int Length)
{
    public IommuRequest? Request => Kind switch
    {
        IommuOpKind.Attach => new IommuAttach(Domain, Endpoint),
        IommuOpKind.Detach => new IommuDetach(Domain, Endpoint),
        IommuOpKind.Map => new IommuMap(Domain, Page * IommuWorld.Page, (Page + Pages) * IommuWorld.Page - 1, PhysPage * IommuWorld.Page, Flags),
        IommuOpKind.Unmap => new IommuUnmap(Domain, Page * IommuWorld.Page, (Page + Pages) * IommuWorld.Page - 1),
        _ => null,
    };

    /// <summary>The first IOVA of an access.</summary>
    public ulong Iova => Page * IommuWorld.Page + (ulong)Offset;

    public override string ToString() => Kind switch
    {
        IommuOpKind.Read or IommuOpKind.Write => $"{Kind.ToString().ToLowerInvariant()}(ep{Endpoint}, 0x{Iova:x}, {Length})",
        IommuOpKind.Flush => "flush",
        IommuOpKind.Attach => $"attach(d{Domain}, ep{Endpoint})",
        IommuOpKind.Detach => $"detach(d{Domain}, ep{Endpoint})",
        IommuOpKind.Map => $"map(d{Domain}, 0x{Page * IommuWorld.Page:x}..0x{(Page + Pages) * IommuWorld.Page - 1:x} -> 0x{PhysPage * IommuWorld.Page:x}, {Flags})",
        _ => $"unmap(d{Domain}, 0x{Page * IommuWorld.Page:x}..0x{(Page + Pages) * IommuWorld.Page - 1:x})",
    };
}

/// <summary>A random program of IOMMU requests, device accesses and flushes, for the model-based property.</summary>
internal sealed record IommuProgram(IommuOp[] Ops)
{
    private static readonly Gen<IommuOp> Op =
        from kind in Gen.Frequency(
            (1, Gen.Constant(IommuOpKind.Attach)), (1, Gen.Constant(IommuOpKind.Detach)), (5, Gen.Constant(IommuOpKind.Map)),
            (3, Gen.Constant(IommuOpKind.Unmap)), (6, Gen.Constant(IommuOpKind.Read)), (3, Gen.Constant(IommuOpKind.Write)),
            (1, Gen.Constant(IommuOpKind.Flush)))
        from domain in Gen.Frequency((5, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from endpoint in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        from page in Gen.Choose(0, 7)
        from pages in Gen.Choose(1, 3)
        from physPage in Gen.Choose(0, 63)
        from flags in Gen.Frequency((4, Gen.Constant(3)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(0)))
        from offset in Gen.Frequency((4, Gen.Choose(0, 64)), (1, Gen.Choose(4000, 4095)))
        from length in Gen.Frequency((4, Gen.Choose(1, 64)), (1, Gen.Choose(100, 6000)))
        select new IommuOp(kind, (uint)domain, (uint)endpoint, (ulong)page, (ulong)pages, (ulong)physPage, (IommuMapFlags)flags, offset, length);

    /// <summary>Programs of 1 to 60 steps, shrinking by halves and then one step fewer.</summary>
    public static Arbitrary<IommuProgram> Arbitrary { get; } = Arb.From(
        from count in Gen.Choose(1, 60) from ops in Gen.ArrayOf(Op, count) select new IommuProgram(ops),
        program => program.Shrink());

    public IEnumerable<IommuProgram> Shrink()
    {
        if (Ops.Length > 1)
        {
            yield return new IommuProgram(Ops[..(Ops.Length / 2)]);
            yield return new IommuProgram(Ops[(Ops.Length / 2)..]);
        }
        for (int i = 0; i < Ops.Length && Ops.Length > 1; i++) yield return new IommuProgram([.. Ops[..i], .. Ops[(i + 1)..]]);
    }

    public override string ToString() => $"{Ops.Length} steps: {string.Join("; ", Ops.Select(o => o.ToString()))}";
}
