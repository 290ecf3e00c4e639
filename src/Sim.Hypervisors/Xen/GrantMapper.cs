using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// Xen's side of one granting domain's <see cref="GrantTable"/>: it maps grants for grantee domains
/// (GNTTABOP_map_grant_ref), tracks each mapping under a maptrack <see cref="GrantHandle"/>, unmaps them
/// (GNTTABOP_unmap_grant_ref) and copies through grants (GNTTABOP_copy). It sees the entries only as bytes in the
/// granter's memory, validates them there, and keeps GTF_reading / GTF_writing in the entry while mappings exist,
/// which is what stops the guest from revoking a grant in use. A protocol model: no time is charged here.
/// </summary>
/// <remarks>
/// Deliberate divergences from xen/common/grant_table.c (<c>_set_status_v1</c>), which answers both cases below with
/// GNTST_general_error: an entry of the wrong type or for another domain is <see cref="GrantStatus.BadGntref"/>, and
/// a writable map of a GTF_readonly entry is <see cref="GrantStatus.PermissionDenied"/>, so a finding names its cause.
/// </remarks>
public sealed class GrantMapper
{
    /// <summary>Default maptrack capacity: 1024 maptrack frames (Xen's default <c>gnttab_max_maptrack_frames</c>, docs/misc/xen-command-line.pandoc) of 512 eight-byte entries each.</summary>
    public const int DefaultMaxHandles = 1024 * 512;

    private readonly record struct Mapping(ushort Grantee, uint Gref, ulong Frame, bool Writable);

    private struct Pins
    {
        public int All;
        public int Writable;
    }

    private readonly GrantTable _table;
    private readonly int _maxHandles;
    private readonly Dictionary<uint, Mapping> _maptrack = new();
    private readonly Stack<uint> _freeHandles = new();
    private uint _nextHandle;
    private readonly Dictionary<uint, Pins> _refPins = new();
    private readonly Dictionary<(ushort Grantee, ulong Frame), Pins> _framePins = new();

    /// <summary>A mapper for grants of <paramref name="table"/>, with at most <paramref name="maxHandles"/> live mappings.</summary>
    public GrantMapper(GrantTable table, int maxHandles = DefaultMaxHandles)
    {
        if (maxHandles <= 0) throw new ArgumentOutOfRangeException(nameof(maxHandles), $"grant mapper of {table.Memory.Domain}: maxHandles must be positive, was {maxHandles}");
        _table = table;
        _maxHandles = maxHandles;
    }

    /// <summary>The granting domain's table.</summary>
    public GrantTable Table => _table;
    /// <summary>The table's counters, which this mapper adds to.</summary>
    public GrantCounters Counters => _table.Counters;
    /// <summary>Live mappings (maptrack entries in use).</summary>
    public int ActiveMappings => _maptrack.Count;

    /// <summary>
    /// Maps <paramref name="gref"/> for <paramref name="grantee"/>. Checks, in order: the reference is inside the table
    /// and its entry is GTF_permit_access for <paramref name="grantee"/> (else <see cref="GrantStatus.BadGntref"/>);
    /// a writable map of a GTF_readonly entry (<see cref="GrantStatus.PermissionDenied"/>); the frame is guest memory
    /// (<see cref="GrantStatus.BadPage"/>); a free maptrack handle (<see cref="GrantStatus.NoSpace"/>). On success sets
    /// GTF_reading, and GTF_writing for a writable map, in the entry.
    /// </summary>
    public GrantStatus Map(ushort grantee, uint gref, bool writable, out GrantHandle handle, out ulong frame)
    {
        handle = default;
        frame = 0;
        if (gref >= _table.Capacity) return Counters.Count(GrantStatus.BadGntref);
        var entry = _table.ReadEntry(gref);
        if (entry.Type != GrantFlags.PermitAccess || entry.Domid != grantee) return Counters.Count(GrantStatus.BadGntref);
        if (writable && (entry.Flags & GrantFlags.ReadOnly) != 0) return Counters.Count(GrantStatus.PermissionDenied);
        if (!FrameIsGuestMemory(entry.Frame)) return Counters.Count(GrantStatus.BadPage);
        if (_maptrack.Count >= _maxHandles) return Counters.Count(GrantStatus.NoSpace);

        uint slot = _freeHandles.Count > 0 ? _freeHandles.Pop() : _nextHandle++;
        handle = new GrantHandle(slot);
        frame = entry.Frame;
        _maptrack.Add(slot, new Mapping(grantee, gref, frame, writable));
        Pin(_refPins, gref, writable);
        Pin(_framePins, (grantee, frame), writable);
        SetInUseFlags(gref);
        Counters.Maps++;
        return GrantStatus.Okay;
    }

    /// <summary>
    /// Unmaps <paramref name="handle"/> (unknown or already unmapped: <see cref="GrantStatus.BadHandle"/>). Clears
    /// GTF_writing when the entry's last writable mapping goes and GTF_reading when its last mapping goes. Xen
    /// guarantees no stale TLB entry survives the unmap, which costs one flush IPI per grantee vCPU that may hold the
    /// mapping: <paramref name="vcpusThatMayHoldIt"/> are added to <see cref="GrantCounters.FlushIpis"/>.
    /// </summary>
    public GrantStatus Unmap(GrantHandle handle, int vcpusThatMayHoldIt = 1)
    {
        if (vcpusThatMayHoldIt < 0) throw new ArgumentOutOfRangeException(nameof(vcpusThatMayHoldIt), $"vCPU count must not be negative, was {vcpusThatMayHoldIt}");
        if (!_maptrack.Remove(handle.Value, out var mapping)) return Counters.Count(GrantStatus.BadHandle);
        _freeHandles.Push(handle.Value);
        Unpin(_refPins, mapping.Gref, mapping.Writable);
        Unpin(_framePins, (mapping.Grantee, mapping.Frame), mapping.Writable);
        SetInUseFlags(mapping.Gref);
        Counters.Unmaps++;
        Counters.FlushIpis += vcpusThatMayHoldIt;
        return GrantStatus.Okay;
    }

    /// <summary>What <paramref name="grantee"/> may do to guest frame <paramref name="frame"/> through its live mappings.</summary>
    public MappedAccess AccessTo(ushort grantee, ulong frame) =>
        !_framePins.TryGetValue((grantee, frame), out var pins) ? MappedAccess.None
        : pins.Writable > 0 ? MappedAccess.ReadWrite : MappedAccess.Read;

    /// <summary>
    /// Grant copy from the granted frame into <paramref name="destination"/> (a buffer of the grantee's own):
    /// <paramref name="destination"/>.Length bytes from <paramref name="offset"/> in the frame. See
    /// <see cref="CopyToGrant"/> for the checks; no mapping is made and no TLB flush is needed.
    /// </summary>
    public GrantStatus CopyFromGrant(ushort grantee, uint gref, int offset, Span<byte> destination)
    {
        var status = ValidateCopy(grantee, gref, offset, destination.Length, toGrant: false, out ulong address);
        if (status != GrantStatus.Okay) return Counters.Count(status);
        _table.Memory.Read(address, destination);
        CountCopy(destination.Length);
        return GrantStatus.Okay;
    }

    /// <summary>
    /// Grant copy of <paramref name="source"/> into the granted frame at <paramref name="offset"/>. Checks, in order:
    /// the entry is GTF_permit_access for <paramref name="grantee"/> (<see cref="GrantStatus.BadGntref"/>); the bytes
    /// stay within the one 4 KiB frame (<see cref="GrantStatus.BadCopyArg"/>, grant_table.h: "copy arguments cross
    /// page boundary"); the entry is not GTF_readonly (<see cref="GrantStatus.PermissionDenied"/>); the frame is guest
    /// memory (<see cref="GrantStatus.BadPage"/>).
    /// </summary>
    public GrantStatus CopyToGrant(ushort grantee, uint gref, int offset, ReadOnlySpan<byte> source)
    {
        var status = ValidateCopy(grantee, gref, offset, source.Length, toGrant: true, out ulong address);
        if (status != GrantStatus.Okay) return Counters.Count(status);
        _table.Memory.Write(address, source);
        CountCopy(source.Length);
        return GrantStatus.Okay;
    }

    private GrantStatus ValidateCopy(ushort grantee, uint gref, int offset, int length, bool toGrant, out ulong address)
    {
        address = 0;
        if (gref >= _table.Capacity) return GrantStatus.BadGntref;
        var entry = _table.ReadEntry(gref);
        if (entry.Type != GrantFlags.PermitAccess || entry.Domid != grantee) return GrantStatus.BadGntref;
        if (offset < 0 || length > GuestMemory.PageSize || offset > GuestMemory.PageSize - length) return GrantStatus.BadCopyArg; // no int overflow
        if (toGrant && (entry.Flags & GrantFlags.ReadOnly) != 0) return GrantStatus.PermissionDenied;
        if (!FrameIsGuestMemory(entry.Frame)) return GrantStatus.BadPage;
        address = ((ulong)entry.Frame << GuestMemory.PageShift) + (ulong)offset;
        return GrantStatus.Okay;
    }

    private void CountCopy(int bytes)
    {
        Counters.Copies++;
        Counters.BytesCopied += bytes;
    }

    private bool FrameIsGuestMemory(ulong frame) => _table.Memory.Contains(frame << GuestMemory.PageShift, GuestMemory.PageSize);

    /// <summary>Rewrites GTF_reading / GTF_writing of <paramref name="gref"/> from its pin counts (Xen's active entry).</summary>
    private void SetInUseFlags(uint gref)
    {
        _refPins.TryGetValue(gref, out var pins);
        ulong address = _table.EntryAddress(gref) + GrantEntryV1.FlagsOffset;
        var flags = (GrantFlags)_table.Memory.ReadUInt16(address) & ~(GrantFlags.Reading | GrantFlags.Writing);
        if (pins.All > 0) flags |= GrantFlags.Reading;
        if (pins.Writable > 0) flags |= GrantFlags.Writing;
        _table.Memory.WriteUInt16(address, (ushort)flags);
    }

    private static void Pin<TKey>(Dictionary<TKey, Pins> pins, TKey key, bool writable) where TKey : notnull
    {
        pins.TryGetValue(key, out var p);
        p.All++;
        if (writable) p.Writable++;
        pins[key] = p;
    }

    private static void Unpin<TKey>(Dictionary<TKey, Pins> pins, TKey key, bool writable) where TKey : notnull
    {
        var p = pins[key];
        p.All--;
        if (writable) p.Writable--;
        if (p.All == 0) pins.Remove(key);
        else pins[key] = p;
    }
}
