using FsCheck;
using FsCheck.Fluent;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// One step of a random grant sequence, run by <see cref="GrantHarness.Apply"/>. Refs and handles are the raw numbers
/// the real table hands out (small and reused, so random numbers often hit live ones); frames are the granting guest's
/// frames, 0 holding the grant table and <see cref="GrantHarness.Pages"/> lying just past guest memory.
/// </summary>
public abstract record GrantOp;

/// <summary>The guest grants the backend <paramref name="Frame"/> (GNTTABOP-free: it writes the entry).</summary>
/// <param name="Frame">The guest frame.</param>
/// <param name="ReadOnly">Whether the grant is GTF_readonly.</param>
public sealed record GrantFrame(int Frame, bool ReadOnly) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"grant(f{Frame}{(ReadOnly ? ",ro" : "")})";
}

/// <summary>The backend maps grant <paramref name="Ref"/> (GNTTABOP_map_grant_ref).</summary>
/// <param name="Ref">The grant reference.</param>
/// <param name="Writable">Whether it asks for a writable mapping.</param>
public sealed record MapGrant(uint Ref, bool Writable) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"map(ref {Ref},{(Writable ? "rw" : "r")})";
}

/// <summary>The backend reads or writes guest frame <paramref name="Frame"/> through its access path.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Offset">Byte offset in the frame (an access may cross into the next frame).</param>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="Write">Whether it writes.</param>
public sealed record AccessFrame(int Frame, int Offset, int Length, bool Write) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"{(Write ? "write" : "read")}(f{Frame}+{Offset},{Length})";
}

/// <summary>The backend unmaps <paramref name="Handle"/> (GNTTABOP_unmap_grant_ref).</summary>
/// <param name="Handle">The maptrack handle.</param>
public sealed record UnmapGrant(uint Handle) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"unmap(handle {Handle})";
}

/// <summary>The guest revokes grant <paramref name="Ref"/> (gnttab_end_foreign_access_ref).</summary>
/// <param name="Ref">The grant reference.</param>
public sealed record RevokeGrant(uint Ref) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"revoke(ref {Ref})";
}

/// <summary>A device reset: see <see cref="GrantHarness.Reset"/>.</summary>
public sealed record ResetGrants : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}

/// <summary>FsCheck generators of grant operations and sequences.</summary>
public static class GrantGenerators
{
    private static readonly Gen<int> Offsets = Gen.Frequency((4, Gen.Choose(0, 64)), (1, Gen.Choose(4000, 4095)));

    /// <summary>
    /// One operation: grants (frames 1-7, one in five read-only), maps (refs 0-5, mostly writable), accesses (mostly
    /// frames 1-7, sometimes the table frame 0 or the frame past memory; offsets near both ends of the frame), unmaps
    /// (handles 0-4), revokes (refs 0-5) and, rarely, a device reset.
    /// </summary>
    public static Gen<GrantOp> Op { get; } = Gen.Frequency(
        (4, from frame in Gen.Choose(1, GrantHarness.Pages - 1) from ro in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            select (GrantOp)new GrantFrame(frame, ro)),
        (4, from gref in Gen.Choose(0, 5) from rw in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (GrantOp)new MapGrant((uint)gref, rw)),
        (5, from frame in Gen.Frequency((8, Gen.Choose(1, GrantHarness.Pages - 1)), (1, Gen.Elements(0, GrantHarness.Pages)))
            from offset in Offsets from length in Gen.Choose(1, 128) from write in Gen.Elements(true, false)
            select (GrantOp)new AccessFrame(frame, offset, length, write)),
        (3, from handle in Gen.Choose(0, 4) select (GrantOp)new UnmapGrant((uint)handle)),
        (3, from gref in Gen.Choose(0, 5) select (GrantOp)new RevokeGrant((uint)gref)),
        (1, Gen.Constant((GrantOp)new ResetGrants())));

    /// <summary>Sequences of 1 to <paramref name="maxSteps"/> operations, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<GrantOp>> Sequences(int maxSteps = 40) => OpScript<GrantOp>.Arbitrary(Op, maxSteps, Simpler);

    /// <summary>Simpler versions of one operation, simplest first: lower refs, handles and frames, offset 0, one byte, writable grants.</summary>
    public static IEnumerable<GrantOp> Simpler(GrantOp op)
    {
        switch (op)
        {
            case GrantFrame g:
                for (int f = 1; f < g.Frame; f++) yield return g with { Frame = f };
                if (g.ReadOnly) yield return g with { ReadOnly = false };
                break;
            case MapGrant m:
                for (uint r = 0; r < m.Ref; r++) yield return m with { Ref = r };
                break;
            case RevokeGrant r:
                for (uint gref = 0; gref < r.Ref; gref++) yield return r with { Ref = gref };
                break;
            case UnmapGrant u:
                for (uint h = 0; h < u.Handle; h++) yield return u with { Handle = h };
                break;
            case AccessFrame a:
                for (int f = 1; f < a.Frame; f++) yield return a with { Frame = f };
                if (a.Offset != 0) yield return a with { Offset = 0 };
                if (a.Length != 1) yield return a with { Length = 1 };
                break;
        }
    }
}
