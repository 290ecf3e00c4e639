using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>FsCheck generators of grant operations and sequences (the grant table ABI of xen/include/public/grant_table.h).</summary>
public static class GrantGenerators
{
    private static readonly Gen<int> Offsets = Gen.Frequency((4, Gen.Choose(0, 64)), (1, Gen.Choose(4000, 4095)));

    /// <summary>Copy offsets reach the page's end half the time: a copy crossing it must fail with GNTST_bad_copy_arg.</summary>
    private static readonly Gen<int> CopyOffsets = Gen.Frequency((1, Gen.Choose(0, 64)), (1, Gen.Choose(4000, 4095)));

    /// <summary>Refs: mostly 0-5 (the table hands out small refs and reuses them), now and then its last ref or one past the table.</summary>
    private static readonly Gen<uint> Refs = Gen.Frequency(
        (12, Gen.Choose(0, 5)),
        (1, Gen.Elements(GrantEntryV1.EntriesPerFrame - 1, GrantEntryV1.EntriesPerFrame, GrantEntryV1.EntriesPerFrame + 7))).Select(r => (uint)r);

    /// <summary>One map or copy in seven comes from a domain the grant is not for.</summary>
    private static readonly Gen<bool> Stranger = Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)));

    /// <summary>
    /// One operation: grants (frames 1-7, one in three read-only), maps (refs mostly 0-5, mostly writable, one in seven
    /// from a stranger), accesses by frame (mostly frames 1-7, sometimes the table frame 0 or the frame past memory) and,
    /// more often, through a mapping handle (0-4), offsets near both ends of the frame, unmaps (handles 0-4, 1 to 4 vCPUs to flush), revokes, copies in both directions (some
    /// crossing the page, one in seven from a stranger) and, rarely, a device reset.
    /// </summary>
    public static Gen<GrantOp> Op { get; } = Gen.Frequency(
        (4, from frame in Gen.Choose(1, GrantHarness.Pages - 1)
            from ro in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
            select (GrantOp)new GrantFrame(frame, ro)),
        (4, from gref in Refs
            from rw in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from stranger in Stranger
            select (GrantOp)new MapGrant(gref, rw, stranger)),
        (3, from frame in Gen.Frequency((8, Gen.Choose(1, GrantHarness.Pages - 1)), (1, Gen.Elements(0, GrantHarness.Pages)))
            from offset in Offsets
            from length in Gen.Choose(1, 128)
            from write in Gen.Elements(true, false)
            select (GrantOp)new AccessFrame(frame, offset, length, write)),
        (5, from handle in Gen.Choose(0, 4)
            from offset in Offsets
            from length in Gen.Choose(1, 128)
            from write in Gen.Elements(true, false)
            select (GrantOp)new AccessMapping((uint)handle, offset, length, write)),
        (3, from handle in Gen.Choose(0, 4) from vcpus in Gen.Choose(1, 4) select (GrantOp)new UnmapGrant((uint)handle, vcpus)),
        (3, from gref in Refs select (GrantOp)new RevokeGrant(gref)),
        (3, from gref in Refs
            from offset in CopyOffsets
            from length in Gen.Choose(1, 128)
            from intoGrant in Gen.Elements(true, false)
            from stranger in Stranger
            select (GrantOp)new CopyGrant(gref, offset, length, intoGrant, stranger)),
        (1, Gen.Constant((GrantOp)new ResetGrants())));

    /// <summary>Sequences of 1 to <paramref name="maxSteps"/> operations, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<GrantOp>> Sequences(int maxSteps = 40) => OpScript<GrantOp>.Arbitrary(Op, maxSteps, Simpler);

    /// <summary>
    /// Simpler versions of one operation, simplest first: lower refs (0-5), handles and frames, the backend instead of a
    /// stranger, one vCPU, offset 0, one byte, writable grants.
    /// </summary>
    public static IEnumerable<GrantOp> Simpler(GrantOp op)
    {
        switch (op)
        {
            case GrantFrame g:
                for (int f = 1; f < g.Frame; f++) yield return g with { Frame = f };
                if (g.ReadOnly) yield return g with { ReadOnly = false };
                break;
            case MapGrant m:
                foreach (uint r in LowerRefs(m.Ref)) yield return m with { Ref = r };
                if (m.Stranger) yield return m with { Stranger = false };
                break;
            case RevokeGrant r:
                foreach (uint gref in LowerRefs(r.Ref)) yield return r with { Ref = gref };
                break;
            case UnmapGrant u:
                for (uint h = 0; h < u.Handle; h++) yield return u with { Handle = h };
                if (u.Vcpus != 1) yield return u with { Vcpus = 1 };
                break;
            case AccessFrame a:
                for (int f = 1; f < a.Frame; f++) yield return a with { Frame = f };
                if (a.Offset != 0) yield return a with { Offset = 0 };
                if (a.Length != 1) yield return a with { Length = 1 };
                break;
            case AccessMapping a:
                for (uint h = 0; h < a.Handle; h++) yield return a with { Handle = h };
                if (a.Offset != 0) yield return a with { Offset = 0 };
                if (a.Length != 1) yield return a with { Length = 1 };
                break;
            case CopyGrant c:
                foreach (uint gref in LowerRefs(c.Ref)) yield return c with { Ref = gref };
                if (c.Stranger) yield return c with { Stranger = false };
                if (c.Offset != 0) yield return c with { Offset = 0 };
                if (c.Length != 1) yield return c with { Length = 1 };
                break;
        }
    }

    private static IEnumerable<uint> LowerRefs(uint gref)
    {
        for (uint r = 0; r < Math.Min(gref, 6u); r++) yield return r;
    }
}
