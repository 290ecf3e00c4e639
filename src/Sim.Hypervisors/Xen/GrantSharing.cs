using System.Runtime.InteropServices;
using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// Xen grants as a sharing mechanism. The guest grants every buffer it maps (a run of <see cref="GrantEntryV1"/>
/// entries in its own table, GTF_readonly for device-bound buffers) and hands the device the grant address
/// (<see cref="GrantDmaAddress"/>); revocation on unmap fails while the backend still holds a page mapped. The
/// backend reaches a granted page as its <see cref="GrantBackendMode"/> says: mapped for the request and unmapped in
/// one flushed batch at its end, mapped around each access, or copied by the hypervisor. The rings are granted and
/// mapped once. Exposure: every page granted to the backend at the instant (it may map any of them).
/// Costs: <c>xen.grant.access</c>/<c>xen.grant.endAccess</c> per page on the vCPU; on the backend <c>xen.hypercall</c>
/// per grant-table hypercall (a batch of maps, a batch of unmaps, a copy batch), <c>xen.grant.map</c> and
/// <c>xen.grant.unmap</c> per page, a TLB flush per unmap batch, and <c>xen.grant.copy</c> plus memcpy per copied page.
/// The flush is Xen's <c>flush_area_mask</c> (xen/arch/x86/smp.c): the local invalidation (<c>xen.tlbFlush.local</c>)
/// and, with more than one backend vCPU, an IPI sent to each other one (<c>xen.tlbFlush.ipi</c> each) and one wait
/// until all have flushed and acknowledged (<c>xen.tlbFlush.remote</c>: they flush in parallel). What the IPIs cost the
/// vCPUs that receive them is not charged: nothing else runs on the backend domain's other vCPUs in this model.
/// </summary>
public class GrantSharing : SharingMechanism
{
    private readonly GrantBackendMode _mode;
    private readonly RequestGrantMappings _requests = new();
    private readonly CostItem _map, _unmap, _copy, _flushLocal, _flushRemote, _flushIpi, _access, _endAccess, _hypercall;

    /// <summary>Grants of <paramref name="table"/> reached by domain <paramref name="backendDomid"/> with <paramref name="backendVcpus"/> vCPUs through <paramref name="mapper"/>.</summary>
    public GrantSharing(string name, SharingContext context, GrantTable table, GrantMapper mapper, ushort backendDomid, int backendVcpus, GrantBackendMode mode)
        : base(name, context)
    {
        if (backendVcpus < 1) throw new ArgumentOutOfRangeException(nameof(backendVcpus), $"the backend domain needs at least one vCPU, was {backendVcpus}");
        Table = table;
        Mapper = mapper;
        BackendDomid = backendDomid;
        BackendVcpus = backendVcpus;
        _mode = mode;
        _access = Costs.Item("xen.grant.access");
        _endAccess = Costs.Item("xen.grant.endAccess");
        _hypercall = Costs.Item("xen.hypercall");
        if (mode != GrantBackendMode.Copy)
        {
            _map = Costs.Item("xen.grant.map");
            _unmap = Costs.Item("xen.grant.unmap");
            _flushLocal = Costs.Item("xen.tlbFlush.local");
            _flushRemote = Costs.Item("xen.tlbFlush.remote");
            _flushIpi = Costs.Item("xen.tlbFlush.ipi");
        }
        if (mode == GrantBackendMode.Copy) _copy = Costs.Item("xen.grant.copy");
    }

    /// <summary>The guest's grant table.</summary>
    public GrantTable Table { get; }
    /// <summary>Xen's side of the table.</summary>
    public GrantMapper Mapper { get; }
    /// <summary>The backend's domain id.</summary>
    public ushort BackendDomid { get; }
    /// <summary>vCPUs of the backend domain (each may hold a mapping, so each gets a flush IPI on unmap).</summary>
    public int BackendVcpus { get; }

    /// <inheritdoc />
    public override void ShareForLifetime(ulong address, ulong length)
    {
        ulong first = Alignment.PageDown(address);
        int pages = PagesSpanned(address, length);
        var status = Table.TryGrantRange(BackendDomid, first >> GuestMemory.PageShift, pages, readOnly: false, out uint firstRef);
        if (status != GrantStatus.Okay) throw new InvalidOperationException($"{Context.Accessor}: cannot grant the {pages} ring pages at 0x{first:x}: {status}");
        for (uint i = 0; i < pages; i++)
        {
            status = Mapper.Map(BackendDomid, firstRef + i, writable: true, out _, out _);
            if (status != GrantStatus.Okay) throw new InvalidOperationException($"{Context.Accessor}: cannot map ring grant {firstRef + i}: {status}");
        }
        Exposure.Reach(first, (ulong)pages * GuestMemory.PageSize);
    }

    /// <inheritdoc />
    public override DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        if (length == 0 || !Memory.Contains(guestAddress, length))
            return new(DmaMapStatus.Refused, default, SimTime.Zero, $"buffer [0x{guestAddress:x}, +{length}) is empty or outside {Memory.Domain}'s memory");
        int pages = PagesSpanned(guestAddress, length);
        SimTime cost = Context.ChargeDriver(_access.Times(pages));
        var status = Table.TryGrantRange(BackendDomid, guestAddress >> GuestMemory.PageShift, pages, direction == DmaDirection.ToDevice, out uint firstRef);
        if (status != GrantStatus.Okay)
        {
            Counters.Exhaustions++;
            return new(DmaMapStatus.Exhausted, default, cost,
                $"no run of {pages} free grant references in {Memory.Domain}'s table ({Table.Counters.RefsInUse} of {Table.Capacity} in use)");
        }
        Counters.GrantsIssued += pages;
        Exposure.Reach(guestAddress, length);
        ulong dma = GrantDmaAddress.Encode(firstRef, (ulong)GrantDmaAddress.Offset(guestAddress));
        return new(DmaMapStatus.Mapped, new DmaBuffer(guestAddress, length, direction, dma, firstRef), cost, "");
    }

    /// <inheritdoc />
    public override DmaUnmapResult Unmap(in DmaBuffer buffer)
    {
        int pages = PagesSpanned(buffer.GuestAddress, buffer.Length);
        uint firstRef = (uint)buffer.Handle;
        SimTime cost = Context.ChargeDriver(_endAccess.Times(pages));
        int stillMapped = 0, unknown = 0;
        for (uint i = 0; i < pages; i++)
        {
            var status = Table.EndAccess(firstRef + i);
            if (status == GrantStatus.Okay) Counters.GrantsRevoked++;
            else if (status == GrantStatus.Eagain) stillMapped++;
            else unknown++;
        }
        if (stillMapped == 0 && unknown == 0) Exposure.Unreach(buffer.GuestAddress, buffer.Length);
        if (stillMapped > 0)
            return new(DmaUnmapStatus.StillInUse, cost, $"{stillMapped} of grant refs {firstRef}..{firstRef + pages - 1} are still mapped by domain {BackendDomid}: the guest cannot revoke them");
        if (unknown > 0)
            return new(DmaUnmapStatus.NotMapped, cost, $"grant refs {firstRef}..{firstRef + pages - 1} were not granted");
        return new(DmaUnmapStatus.Unmapped, cost, "");
    }

    /// <inheritdoc />
    public override long BeginRequest() => _requests.Begin();

    /// <inheritdoc />
    public override SimTime EndRequest(long request)
    {
        if (!_requests.TryEnd(request, out var mappings)) return SimTime.Zero;
        foreach (var (_, handle) in mappings) Mapper.Unmap(handle, BackendVcpus);
        SimTime cost = Context.ChargeBackend(_hypercall.Once) + Context.ChargeBackend(_unmap.Times(mappings.Count)) + Flush(accrue: false);
        Counters.GrantUnmaps += mappings.Count;
        Counters.Hypercalls++;
        _requests.Recycle(mappings);
        return cost;
    }

    /// <inheritdoc />
    protected override AccessVerdict ReadCore(ulong address, Span<byte> destination, out string rule) =>
        Access(address, destination, write: false, out rule);

    /// <inheritdoc />
    protected override AccessVerdict WriteCore(ulong address, ReadOnlySpan<byte> source, out string rule) =>
        // The span is only read on the write path; Access never writes into it when write is true.
        Access(address, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(source), source.Length), write: true, out rule);

    /// <summary>Moves bytes between <paramref name="data"/> and the granted or shared pages at <paramref name="address"/>.</summary>
    protected AccessVerdict Access(ulong address, Span<byte> data, bool write, out string rule)
    {
        rule = "";
        if (!GrantDmaAddress.IsGrant(address)) return AccessShared(address, data, write, out rule);
        uint firstRef = GrantDmaAddress.Reference(address);
        int offset = GrantDmaAddress.Offset(address);
        if (_mode == GrantBackendMode.Copy && data.Length > 0)
        {
            Counters.Hypercalls++;
            Accrue(_hypercall.Once);
        }
        for (int done = 0, page = 0; done < data.Length; page++)
        {
            int chunk = Math.Min(data.Length - done, GuestMemory.PageSize - offset);
            var verdict = AccessPage(firstRef + (uint)page, offset, data.Slice(done, chunk), write, out rule);
            if (verdict != AccessVerdict.Allowed) return verdict;
            done += chunk;
            offset = 0;
        }
        return AccessVerdict.Allowed;
    }

    /// <summary>One page's worth of an access by grant reference <paramref name="gref"/>, as the backend mode does it.</summary>
    protected virtual AccessVerdict AccessPage(uint gref, int offset, Span<byte> data, bool write, out string rule)
    {
        if (_mode == GrantBackendMode.Copy)
        {
            var status = write ? Mapper.CopyToGrant(BackendDomid, gref, offset, data) : Mapper.CopyFromGrant(BackendDomid, gref, offset, data);
            rule = status == GrantStatus.Okay ? "" : $"grant copy of ref {gref} failed: {status}";
            if (status != GrantStatus.Okay) return AccessVerdict.Denied;
            Accrue(_copy.Once);
            Accrue(Costs.MemcpyCharge(data.Length));
            Counters.GrantCopies++;
            Counters.Copies++;
            Counters.BytesCopied += data.Length;
            return AccessVerdict.Allowed;
        }

        bool perAccess = _mode == GrantBackendMode.MapPerAccess || _requests.Current == 0;
        GrantHandle handle = default;
        if (perAccess || !_requests.TryFind(gref, out handle))
        {
            // A reference past the table is the mapper's to refuse (GNTST_bad_gntref), not an entry to read.
            bool writable = gref < Table.Capacity && (Table.ReadEntry(gref).Flags & GrantFlags.ReadOnly) == 0;
            var status = Mapper.Map(BackendDomid, gref, writable, out handle, out _);
            if (status != GrantStatus.Okay)
            {
                rule = $"grant map of ref {gref} failed: {status}";
                return AccessVerdict.Denied;
            }
            Accrue(_map.Once);
            Counters.GrantMaps++;
            if (perAccess)
            {
                Counters.Hypercalls++;
                Accrue(_hypercall.Once);
            }
            else if (_requests.Add(gref, handle))
            {
                Counters.Hypercalls++; // the request's pages are mapped in one batched GNTTABOP_map_grant_ref
                Accrue(_hypercall.Once);
            }
        }
        var verdict = MoveMapped(Table.ReadEntry(gref).Frame, offset, data, write, out rule);
        if (perAccess)
        {
            Mapper.Unmap(handle, BackendVcpus);
            Accrue(_hypercall.Once);
            Accrue(_unmap.Once);
            Flush(accrue: true);
            Counters.GrantUnmaps++;
            Counters.Hypercalls++;
        }
        return verdict;
    }

    /// <summary>Moves bytes within frame <paramref name="frame"/> if the backend's live mappings allow the direction.</summary>
    protected AccessVerdict MoveMapped(ulong frame, int offset, Span<byte> data, bool write, out string rule)
    {
        var access = Mapper.AccessTo(BackendDomid, frame);
        if (access == MappedAccess.None || (write && access != MappedAccess.ReadWrite))
        {
            rule = access == MappedAccess.None ? $"frame 0x{frame:x} is not mapped by domain {BackendDomid}" : $"frame 0x{frame:x} is mapped read-only";
            return AccessVerdict.Denied;
        }
        rule = "";
        ulong at = (frame << GuestMemory.PageShift) + (ulong)offset;
        if (write) Memory.Write(at, data);
        else Memory.Read(at, data);
        return AccessVerdict.Allowed;
    }

    private AccessVerdict AccessShared(ulong address, Span<byte> data, bool write, out string rule)
    {
        rule = "";
        if (!Memory.Contains(address, (ulong)data.Length))
        {
            rule = "outside guest RAM";
            return AccessVerdict.OutOfRange;
        }
        int offset = (int)(address & (GuestMemory.PageSize - 1));
        for (int done = 0; done < data.Length;)
        {
            int chunk = Math.Min(data.Length - done, GuestMemory.PageSize - offset);
            var verdict = MoveMapped((address + (ulong)done) >> GuestMemory.PageShift, offset, data.Slice(done, chunk), write, out rule);
            if (verdict != AccessVerdict.Allowed)
            {
                rule = $"guest-physical address without a grant: {rule}";
                return verdict;
            }
            done += chunk;
            offset = 0;
        }
        return AccessVerdict.Allowed;
    }

    /// <summary>
    /// One unmap batch's TLB flush on the backend, counted: the local invalidation, an IPI to every other backend vCPU and
    /// the wait for their acknowledgements. Charged now (returns the time to spend) or, when <paramref name="accrue"/>,
    /// accrued with the access it ends (returns zero).
    /// </summary>
    private SimTime Flush(bool accrue)
    {
        Counters.TlbFlushes++;
        Counters.FlushIpis += BackendVcpus - 1;
        SimTime cost = Pay(_flushLocal.Once, accrue);
        if (BackendVcpus > 1) cost += Pay(_flushIpi.Times(BackendVcpus - 1), accrue) + Pay(_flushRemote.Once, accrue);
        return cost;
    }

    private SimTime Pay(in CostCharge charge, bool accrue)
    {
        if (!accrue) return Context.ChargeBackend(charge);
        Accrue(charge);
        return SimTime.Zero;
    }
}
