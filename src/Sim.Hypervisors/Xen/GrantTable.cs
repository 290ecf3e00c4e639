using Sim.Hypervisors.Memory;
using Sim.Layouts;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// A granting domain's v1 grant table: <see cref="MaxFrames"/> contiguous 4 KiB frames at <see cref="BaseAddress"/>
/// in the domain's own <see cref="GuestMemory"/>, 512 eight-byte <see cref="GrantEntryV1"/> entries per frame
/// (Xen's <c>gnttab_max_frames</c>, 64 by default, docs/misc/xen-command-line.pandoc: 32,768 references). This is the guest side: the guest writes
/// entries to grant access and clears them to revoke it; Xen's side (the in-use bits) is <see cref="GrantMapper"/>.
/// The entries live only in guest memory (the shared state); the table keeps just its free list and counters.
/// </summary>
public sealed class GrantTable
{
    /// <summary>Default maximum number of table frames (Xen's <c>gnttab_max_frames</c>).</summary>
    public const int DefaultMaxFrames = 64;

    private ulong[] _granted = []; // a bit per reference, grown to the highest reference ever handed out (issue 21)
    private readonly Stack<uint> _freed = new();
    private uint _neverUsed;

    /// <summary>
    /// The table of domain <paramref name="domid"/>, in <paramref name="memory"/> at the page-aligned
    /// <paramref name="baseAddress"/>, of up to <paramref name="maxFrames"/> frames.
    /// </summary>
    public GrantTable(GuestMemory memory, ushort domid, ulong baseAddress, int maxFrames = DefaultMaxFrames)
    {
        if (maxFrames <= 0) throw new ArgumentOutOfRangeException(nameof(maxFrames), $"grant table of {memory.Domain}: maxFrames must be positive, was {maxFrames}");
        if (baseAddress % GuestMemory.PageSize != 0) throw new ArgumentException($"grant table of {memory.Domain}: base address 0x{baseAddress:x} is not 4 KiB aligned", nameof(baseAddress));
        ulong bytes = (ulong)maxFrames * GuestMemory.PageSize;
        if (!memory.Contains(baseAddress, bytes)) throw new ArgumentException($"grant table of {memory.Domain}: {maxFrames} frames at 0x{baseAddress:x} do not fit in 0x{memory.Size:x} bytes of guest memory", nameof(baseAddress));
        Memory = memory;
        Domid = domid;
        BaseAddress = baseAddress;
        MaxFrames = maxFrames;
        memory.DeclareRegion($"{memory.Domain}/grant-table", RegionKind.GrantTable, baseAddress, bytes);
    }

    /// <summary>The granting domain's memory, which holds the entries and the granted frames.</summary>
    public GuestMemory Memory { get; }
    /// <summary>The granting domain's id.</summary>
    public ushort Domid { get; }
    /// <summary>Guest-physical address of entry 0.</summary>
    public ulong BaseAddress { get; }
    /// <summary>Table frames.</summary>
    public int MaxFrames { get; }
    /// <summary>Grant references the table can hold (<see cref="MaxFrames"/> × 512).</summary>
    public int Capacity => MaxFrames * GrantEntryV1.EntriesPerFrame;
    /// <summary>Counters of this table and of every mapper acting on it.</summary>
    public GrantCounters Counters { get; } = new();

    /// <summary>Guest-physical address of the entry for <paramref name="gref"/>.</summary>
    public ulong EntryAddress(uint gref)
    {
        if (gref >= Capacity) throw new ArgumentOutOfRangeException(nameof(gref), $"grant ref {gref} is beyond the {Capacity} entries of {Memory.Domain}'s table");
        return BaseAddress + (ulong)gref * GrantEntryV1.Size;
    }

    /// <summary>The entry for <paramref name="gref"/> as it is now in guest memory.</summary>
    public GrantEntryV1 ReadEntry(uint gref) => GrantEntryV1.Read(Memory, EntryAddress(gref));

    /// <summary>Whether the guest currently has <paramref name="gref"/> granted (allocated and not revoked).</summary>
    public bool IsGranted(uint gref) => gref < Capacity && Granted(gref);

    /// <summary>
    /// Grants <paramref name="backendDomid"/> access to <paramref name="guestFrame"/> (read-only if
    /// <paramref name="readOnly"/>), as Linux's <c>gnttab_grant_foreign_access</c> does.
    /// Returns <see cref="GrantStatus.NoSpace"/> when every reference is in use (Linux: -ENOSPC) and
    /// <see cref="GrantStatus.AddressTooBig"/> when the frame does not fit the v1 entry's u32.
    /// </summary>
    public GrantStatus TryGrantAccess(ushort backendDomid, ulong guestFrame, bool readOnly, out uint gref)
    {
        gref = 0;
        if (guestFrame > uint.MaxValue) return Counters.Count(GrantStatus.AddressTooBig);
        while (_freed.Count > 0 && Granted(_freed.Peek())) _freed.Pop(); // taken meanwhile by TryGrantRange
        if (_freed.Count > 0) gref = _freed.Pop();
        else if (_neverUsed < Capacity) gref = _neverUsed++;
        else return Counters.Count(GrantStatus.NoSpace);
        WriteEntry(gref, backendDomid, guestFrame, readOnly);
        return GrantStatus.Okay;
    }

    /// <summary>
    /// Grants <paramref name="backendDomid"/> access to <paramref name="pages"/> consecutive frames from
    /// <paramref name="firstFrame"/> under consecutive references from <paramref name="firstRef"/>, as Linux
    /// <c>xen-grant-dma-ops</c> does for one DMA mapping (<c>gnttab_alloc_grant_reference_seq</c>): the DMA address
    /// carries only the first reference. Takes never-used references first, then the first long-enough run of revoked
    /// ones from a rotating cursor. <see cref="GrantStatus.NoSpace"/> when no run is free (the table is exhausted or too
    /// fragmented for this many pages).
    /// </summary>
    public GrantStatus TryGrantRange(ushort backendDomid, ulong firstFrame, int pages, bool readOnly, out uint firstRef)
    {
        firstRef = 0;
        if (pages <= 0) throw new ArgumentOutOfRangeException(nameof(pages), $"a grant range needs at least one page, was {pages}");
        if (firstFrame + (ulong)pages - 1 > uint.MaxValue) return Counters.Count(GrantStatus.AddressTooBig);
        if (!TryFindRun(pages, out firstRef)) return Counters.Count(GrantStatus.NoSpace);
        for (int i = 0; i < pages; i++) WriteEntry(firstRef + (uint)i, backendDomid, firstFrame + (ulong)i, readOnly);
        return GrantStatus.Okay;
    }

    private uint _cursor;

    private bool TryFindRun(int pages, out uint first)
    {
        first = 0;
        if (_neverUsed + (uint)pages <= Capacity)
        {
            first = _neverUsed;
            _neverUsed += (uint)pages;
            return true;
        }
        uint limit = _neverUsed, run = 0;
        if (limit == 0) return false;
        for (uint scanned = 0, at = _cursor < limit ? _cursor : 0; scanned < limit + (uint)pages; scanned++, at = at + 1 == limit ? 0 : at + 1)
        {
            if (at == 0) run = 0; // a run may not wrap around the end of the table
            if (Granted(at)) { run = 0; continue; }
            if (++run < pages) continue;
            first = at + 1 - (uint)pages;
            _cursor = at + 1 == limit ? 0 : at + 1;
            return true;
        }
        return false;
    }

    private bool Granted(uint gref) => (gref >> 6) < (uint)_granted.Length && (_granted[gref >> 6] & (1UL << (int)(gref & 63))) != 0;

    private void SetGranted(uint gref, bool granted)
    {
        int word = (int)(gref >> 6);
        if (word >= _granted.Length)
        {
            if (!granted) return;
            Array.Resize(ref _granted, Math.Min(Math.Max(word + 1, 2 * _granted.Length), (Capacity + 63) / 64));
        }
        if (granted) _granted[word] |= 1UL << (int)(gref & 63);
        else _granted[word] &= ~(1UL << (int)(gref & 63));
    }

    private void WriteEntry(uint gref, ushort backendDomid, ulong guestFrame, bool readOnly)
    {
        // grant_table.h, "Introducing a valid entry": write domid, then frame, then (after a write barrier) flags.
        // Xen may read the entry at any time; flags last means it never sees a valid type with a stale domid/frame.
        ulong entry = EntryAddress(gref);
        Memory.WriteUInt16(entry + GrantEntryV1.DomidOffset, backendDomid);
        Memory.WriteUInt32(entry + GrantEntryV1.FrameOffset, (uint)guestFrame);
        var flags = GrantFlags.PermitAccess | (readOnly ? GrantFlags.ReadOnly : 0);
        Memory.WriteUInt16(entry + GrantEntryV1.FlagsOffset, (ushort)flags);

        SetGranted(gref, true);
        Counters.Grants++;
        Counters.RefsInUse++;
        Counters.PeakRefsInUse = Math.Max(Counters.PeakRefsInUse, Counters.RefsInUse);
    }

    /// <summary>
    /// Revokes <paramref name="gref"/> (grant_table.h, "Invalidating an unused GTF_permit_access entry"): only when
    /// neither GTF_reading nor GTF_writing is set, the flags become GTF_invalid and the reference goes back to the free
    /// list. While the grantee still maps it, returns <see cref="GrantStatus.Eagain"/> and the entry stays as it was
    /// (Linux: <c>gnttab_end_foreign_access_ref</c> fails). A reference not granted: <see cref="GrantStatus.BadGntref"/>.
    /// </summary>
    public GrantStatus EndAccess(uint gref)
    {
        if (!IsGranted(gref)) return Counters.Count(GrantStatus.BadGntref);
        ulong flagsAddress = EntryAddress(gref) + GrantEntryV1.FlagsOffset;
        var flags = (GrantFlags)Memory.ReadUInt16(flagsAddress);
        if ((flags & (GrantFlags.Reading | GrantFlags.Writing)) != 0) return Counters.Count(GrantStatus.Eagain);
        // Real guests use cmpxchg(flags, observed, 0); without concurrency here a plain write is the same step.
        Memory.WriteUInt16(flagsAddress, (ushort)GrantFlags.Invalid);
        SetGranted(gref, false);
        _freed.Push(gref);
        Counters.Revocations++;
        Counters.RefsInUse--;
        return GrantStatus.Okay;
    }
}
