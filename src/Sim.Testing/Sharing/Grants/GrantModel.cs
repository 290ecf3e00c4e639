using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Testing.Sharing.Grants;

/// <summary>
/// The obviously-correct model of one guest granting frames to one backend: which refs are granted (frame, read-only,
/// how many mappings, how many writable), which handles are live (ref, writable), and the bytes of guest memory.
/// Xen's rules in a few lines each: a map needs a granted ref for this backend and, if writable, a writable grant; a
/// revoke of a mapped ref is <see cref="GrantStatus.Eagain"/>; the backend reaches a frame exactly while a live mapping
/// of a ref for it exists; a grant copy needs a granted ref for the copier, bytes within one page and, into the grant,
/// a writable grant; every unmap costs one TLB-flush IPI per backend vCPU that may hold the mapping. The statuses are
/// the GNTST_* codes of Xen's grant table ABI (xen/include/public/grant_table.h).
/// </summary>
public sealed class GrantModel
{
    /// <summary>A granted reference.</summary>
    /// <param name="Frame">The granted frame.</param>
    /// <param name="ReadOnly">Whether the grant is read-only.</param>
    /// <param name="Maps">Live mappings of it.</param>
    /// <param name="WritableMaps">Live writable mappings of it.</param>
    public sealed record Ref(ulong Frame, bool ReadOnly, int Maps, int WritableMaps);

    private readonly Dictionary<uint, Ref> _refs = new();
    private readonly Dictionary<uint, (uint Ref, bool Writable)> _handles = new();

    /// <summary>A model of <paramref name="pages"/> pages of guest memory, all zero, nothing granted.</summary>
    public GrantModel(int pages) => Bytes = new byte[pages * GuestMemory.PageSize];

    /// <summary>Granted refs.</summary>
    public IReadOnlyDictionary<uint, Ref> Refs => _refs;

    /// <summary>Live handles: the ref each maps and whether writable.</summary>
    public IReadOnlyDictionary<uint, (uint Ref, bool Writable)> Handles => _handles;

    /// <summary>The guest's memory as the model knows it.</summary>
    public byte[] Bytes { get; }

    /// <summary>Flush IPIs the unmaps so far must have cost: one per backend vCPU that may have held each mapping.</summary>
    public long FlushIpis { get; private set; }

    /// <summary>What the backend may do to <paramref name="frame"/> through its live mappings.</summary>
    public MappedAccess AccessTo(ulong frame)
    {
        var access = MappedAccess.None;
        foreach (var (gref, writable) in _handles.Values)
            if (_refs[gref].Frame == frame) access = writable ? MappedAccess.ReadWrite : access == MappedAccess.None ? MappedAccess.Read : access;
        return access;
    }

    /// <summary>The verdict the mechanism must give a backend access of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public AccessVerdict Verdict(ulong address, int length, bool write)
    {
        if (length <= 0) return AccessVerdict.Allowed;
        if (address + (ulong)length > (ulong)Bytes.Length) return AccessVerdict.OutOfRange;
        var needed = write ? MappedAccess.ReadWrite : MappedAccess.Read;
        for (ulong frame = address / GuestMemory.PageSize; frame <= (address + (ulong)length - 1) / GuestMemory.PageSize; frame++)
            if (AccessTo(frame) < needed) return AccessVerdict.Denied;
        return AccessVerdict.Allowed;
    }

    /// <summary>The status a map of <paramref name="gref"/> must get (from the backend itself, or from a <paramref name="stranger"/>).</summary>
    public GrantStatus ExpectMap(uint gref, bool writable, bool stranger = false) =>
        !_refs.TryGetValue(gref, out var r) || stranger ? GrantStatus.BadGntref
        : writable && r.ReadOnly ? GrantStatus.PermissionDenied
        : GrantStatus.Okay;

    /// <summary>
    /// The status a GNTTABOP_copy of <paramref name="length"/> bytes at <paramref name="offset"/> in the frame of
    /// <paramref name="gref"/> must get, <paramref name="intoGrant"/> or out of it (from the backend, or from a
    /// <paramref name="stranger"/>), checked in Xen's order: the ref, the page boundary, the permission.
    /// </summary>
    public GrantStatus ExpectCopy(uint gref, int offset, int length, bool intoGrant, bool stranger = false) =>
        !_refs.TryGetValue(gref, out var r) || stranger ? GrantStatus.BadGntref
        : offset < 0 || length > GuestMemory.PageSize || offset > GuestMemory.PageSize - length ? GrantStatus.BadCopyArg
        : intoGrant && r.ReadOnly ? GrantStatus.PermissionDenied
        : GrantStatus.Okay;

    /// <summary>The status a revoke of <paramref name="gref"/> must get.</summary>
    public GrantStatus ExpectRevoke(uint gref) =>
        !_refs.TryGetValue(gref, out var r) ? GrantStatus.BadGntref : r.Maps > 0 ? GrantStatus.Eagain : GrantStatus.Okay;

    /// <summary>Records a successful grant.</summary>
    public void Granted(uint gref, ulong frame, bool readOnly) => _refs.Add(gref, new Ref(frame, readOnly, 0, 0));

    /// <summary>Records a successful map.</summary>
    public void Mapped(uint handle, uint gref, bool writable)
    {
        _handles.Add(handle, (gref, writable));
        var r = _refs[gref];
        _refs[gref] = r with { Maps = r.Maps + 1, WritableMaps = r.WritableMaps + (writable ? 1 : 0) };
    }

    /// <summary>Records a successful unmap, which flushed the TLBs of <paramref name="vcpus"/> backend vCPUs.</summary>
    public void Unmapped(uint handle, int vcpus = 1)
    {
        FlushIpis += vcpus;
        _handles.Remove(handle, out var mapping);
        var r = _refs[mapping.Ref];
        _refs[mapping.Ref] = r with { Maps = r.Maps - 1, WritableMaps = r.WritableMaps - (mapping.Writable ? 1 : 0) };
    }

    /// <summary>Records a successful revoke.</summary>
    public void Revoked(uint gref) => _refs.Remove(gref);

    /// <summary>The entry flags Xen and the guest must have left in memory for a granted ref.</summary>
    public static GrantFlags ExpectedFlags(Ref r) => GrantFlags.PermitAccess
        | (r.ReadOnly ? GrantFlags.ReadOnly : 0)
        | (r.Maps > 0 ? GrantFlags.Reading : 0)
        | (r.WritableMaps > 0 ? GrantFlags.Writing : 0);
}
