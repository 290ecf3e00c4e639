namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// One step of a random grant sequence, run by <see cref="GrantHarness.Apply"/>: an operation of Xen's grant table ABI
/// (xen/include/public/grant_table.h). Refs and handles are the raw numbers the real table hands out (small and reused,
/// so random numbers often hit live ones); frames are the granting guest's frames, 0 holding the grant table and
/// <see cref="GrantHarness.Pages"/> lying just past guest memory.
/// </summary>
public abstract record GrantOp;

/// <summary>
/// The guest grants the backend <paramref name="Frame"/>: no hypercall, it writes a GTF_permit_access entry
/// (grant_table.h, <c>grant_entry_v1</c>).
/// </summary>
/// <param name="Frame">The guest frame.</param>
/// <param name="ReadOnly">Whether the grant is GTF_readonly.</param>
public sealed record GrantFrame(int Frame, bool ReadOnly) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"grant(f{Frame}{(ReadOnly ? ",ro" : "")})";
}

/// <summary>
/// The backend maps grant <paramref name="Ref"/> (grant_table.h, GNTTABOP_map_grant_ref); from a
/// <paramref name="Stranger"/> domain the entry is not for, it must fail with GNTST_bad_gntref.
/// </summary>
/// <param name="Ref">The grant reference.</param>
/// <param name="Writable">Whether it asks for a writable mapping (no GNTMAP_readonly).</param>
/// <param name="Stranger">Whether the map comes from <see cref="GrantHarness.Stranger"/> instead of the backend.</param>
public sealed record MapGrant(uint Ref, bool Writable, bool Stranger = false) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"map(ref {Ref},{(Writable ? "rw" : "r")}{(Stranger ? ",stranger" : "")})";
}

/// <summary>The backend reads or writes guest frame <paramref name="Frame"/> through its access path (a mapped grant, grant_table.h).</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Offset">Byte offset in the frame (an access may cross into the next frame).</param>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="Write">Whether it writes.</param>
public sealed record AccessFrame(int Frame, int Offset, int Length, bool Write) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"{(Write ? "write" : "read")}(f{Frame}+{Offset},{Length})";
}

/// <summary>
/// The backend reads or writes through the mapping grant_table.h's GNTTABOP_map_grant_ref gave it under
/// <paramref name="Handle"/>: at <paramref name="Offset"/> in the frame that handle maps, or last mapped (after its
/// unmap, a stale pointer the mechanism must refuse unless the frame is mapped again). A handle never mapped gives the
/// backend no pointer, and the step does nothing.
/// </summary>
/// <param name="Handle">The maptrack handle.</param>
/// <param name="Offset">Byte offset in the frame (an access may cross into the next frame).</param>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="Write">Whether it writes.</param>
public sealed record AccessMapping(uint Handle, int Offset, int Length, bool Write) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"{(Write ? "write" : "read")}(handle {Handle}+{Offset},{Length})";
}

/// <summary>
/// The backend unmaps <paramref name="Handle"/> (grant_table.h, GNTTABOP_unmap_grant_ref). Xen flushes the TLBs of the
/// <paramref name="Vcpus"/> backend vCPUs that may hold the mapping before it returns: one flush IPI each.
/// </summary>
/// <param name="Handle">The maptrack handle.</param>
/// <param name="Vcpus">Backend vCPUs that may hold the mapping (1 to 4 in generated sequences).</param>
public sealed record UnmapGrant(uint Handle, int Vcpus = 1) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"unmap(handle {Handle}{(Vcpus != 1 ? $",{Vcpus}cpu" : "")})";
}

/// <summary>
/// The guest revokes grant <paramref name="Ref"/> (Linux's gnttab_end_foreign_access_ref: it clears the entry unless
/// Xen has GTF_reading or GTF_writing set, grant_table.h).
/// </summary>
/// <param name="Ref">The grant reference.</param>
public sealed record RevokeGrant(uint Ref) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"revoke(ref {Ref})";
}

/// <summary>
/// The backend copies <paramref name="Length"/> bytes between the frame of grant <paramref name="Ref"/> at
/// <paramref name="Offset"/> and a buffer of its own (grant_table.h, GNTTABOP_copy with GNTCOPY_source_gref or
/// GNTCOPY_dest_gref): no mapping is made. Statuses: GNTST_bad_gntref (not granted, or to a
/// <paramref name="Stranger"/>), GNTST_bad_copy_arg (the bytes cross the page), GNTST_permission_denied (into a
/// GTF_readonly grant).
/// </summary>
/// <param name="Ref">The grant reference.</param>
/// <param name="Offset">Byte offset in the granted frame.</param>
/// <param name="Length">Bytes (at least 1).</param>
/// <param name="IntoGrant">Whether the copy writes into the granted frame (GNTCOPY_dest_gref) rather than reads from it.</param>
/// <param name="Stranger">Whether the copy comes from <see cref="GrantHarness.Stranger"/> instead of the backend.</param>
public sealed record CopyGrant(uint Ref, int Offset, int Length, bool IntoGrant, bool Stranger = false) : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => $"copy{(IntoGrant ? "To" : "From")}(ref {Ref}+{Offset},{Length}{(Stranger ? ",stranger" : "")})";
}

/// <summary>A device reset: see <see cref="GrantHarness.Reset"/>.</summary>
public sealed record ResetGrants : GrantOp
{
    /// <inheritdoc />
    public override string ToString() => "reset";
}
