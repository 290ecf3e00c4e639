using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Iommu;

/// <summary>
/// virtio-iommu as a sharing mechanism (virtio 1.2, 5.13; Linux dma-iommu over drivers/iommu/virtio-iommu.c). At set-up the
/// driver ATTACHes the device's endpoint to a domain. Each DMA map allocates IOVA pages and sends a MAP request
/// (post and sync: a trapped notification, <c>iommu.request</c> in the VMM per request answered); the device then
/// reaches the buffer by IOVA through the IOTLB (<c>iommu.iotlb.hit</c> / <c>iommu.iotlb.miss</c> per page, on the
/// backend). Unmapping depends on <see cref="IommuInvalidation"/>: strict sends UNMAP and waits for it and for the
/// IOTLB flush (<c>iommu.flush</c>); lazy only posts the UNMAP and lets the flush queue invalidate at a count or a
/// time (checked at the driver's next DMA operation), so until then the device can still reach the pages through
/// stale IOTLB entries: that is the stale exposure. IOVAs are reused only after their flush. The rings are
/// identity-mapped for the device's life. When the guest's buffers are scattered page by page (user buffers under
/// O_DIRECT), dma-iommu gives a buffer one IOVA range but maps each physically contiguous run, here each page, with
/// its own MAP, which Linux's virtio-iommu driver sends and syncs one at a time (<c>viommu_map</c>, Linux 5.x); the
/// UNMAP covers the whole range.
/// </summary>
public sealed class IommuSharing : SharingMechanism
{
    /// <summary>The mechanism's scenario name.</summary>
    public const string MechanismName = "iommu";

    /// <summary>Where IOVAs for buffers start (above any guest-physical address the rings use).</summary>
    public const ulong IovaBase = 1UL << 40;

    private readonly IommuDevice _device;
    private readonly IIommuRequestPort _port;
    private readonly IommuInvalidation _invalidation;
    private readonly bool _mapsEachPage;
    private readonly uint _endpoint, _domain;
    private readonly IommuDeviceMemory _access;
    private readonly CostItem _notify, _request, _flush, _hit, _miss;
    private readonly List<byte> _statuses = new();
    private readonly Dictionary<int, Stack<ulong>> _freeIovas = new();
    private readonly List<(ulong Iova, int Pages, ulong GuestAddress, uint Length)> _deferred = new();
    private SimTime _oldestDeferred;
    private ulong _nextIova = IovaBase;

    /// <summary>
    /// The mechanism for endpoint <paramref name="endpoint"/> of <paramref name="device"/>, attached to
    /// <paramref name="domain"/> through <paramref name="port"/>; <paramref name="notifyCost"/> is one notification of the
    /// IOMMU device, charged to the vCPU (a trapped exit on the platform); with <paramref name="mapsEachPage"/> each page of
    /// a buffer takes its own MAP.
    /// </summary>
    public IommuSharing(SharingContext context, IommuDevice device, IIommuRequestPort port, uint endpoint, uint domain, IommuInvalidation invalidation, CostItem notifyCost,
        bool mapsEachPage = false)
        : base(MechanismName, context)
    {
        _mapsEachPage = mapsEachPage;
        _device = device;
        _port = port;
        _endpoint = endpoint;
        _domain = domain;
        _invalidation = invalidation;
        _notify = notifyCost;
        _request = Costs.Item("iommu.request");
        _flush = Costs.Item("iommu.flush");
        _hit = Costs.Item("iommu.iotlb.hit");
        _miss = Costs.Item("iommu.iotlb.miss");
        _access = new IommuDeviceMemory(device, endpoint, context.Memory, context.Accessor, new AccessLog());
        ReservedRegions = ProbeEndpoint(endpoint);
        Post(IommuRequests.EncodeAttach(domain, endpoint));
        byte status = SyncOne(out _);
        if (status != IommuStatus.Ok) throw new InvalidOperationException($"{context.Accessor}: ATTACH of endpoint {endpoint} to domain {domain} answered {IommuStatus.Name(status)}");
    }

    /// <summary>The IOMMU device.</summary>
    public IommuDevice Device => _device;

    /// <summary>The reserved regions the endpoint's PROBE reported (empty when the device does not offer PROBE); no IOVA is mapped there.</summary>
    public IReadOnlyList<IommuReservedRegion> ReservedRegions { get; }

    /// <inheritdoc />
    public override void ShareForLifetime(ulong address, ulong length)
    {
        ulong first = Alignment.PageDown(address);
        ulong bytes = (ulong)PagesSpanned(address, length) * GuestMemory.PageSize;
        if (ReservedRegions.FirstOrDefault(r => r.Overlaps(first, first + bytes - 1)) is { } reserved)
            throw new InvalidOperationException($"{Context.Accessor}: the rings at [0x{first:x}, +{bytes}) overlap the reserved region [0x{reserved.Start:x}, 0x{reserved.End:x}] ({reserved.Kind}) and cannot be identity-mapped");
        Post(IommuRequests.EncodeMap(_domain, first, first + bytes - 1, first, IommuMapFlags.Read | IommuMapFlags.Write));
        byte status = SyncOne(out _);
        if (status != IommuStatus.Ok) throw new InvalidOperationException($"{Context.Accessor}: identity MAP of the rings at 0x{first:x} answered {IommuStatus.Name(status)}");
        Exposure.Reach(first, bytes);
    }

    /// <inheritdoc />
    public override DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        if (length == 0 || !Memory.Contains(guestAddress, length))
            return new(DmaMapStatus.Refused, default, SimTime.Zero, $"buffer [0x{guestAddress:x}, +{length}) is empty or outside {Memory.Domain}'s memory");
        SimTime cost = FlushIfDue();
        int pages = PagesSpanned(guestAddress, length);
        ulong iova = AllocateIova(pages);
        ulong page = Alignment.PageDown(guestAddress);
        var flags = direction switch
        {
            DmaDirection.ToDevice => IommuMapFlags.Read,
            DmaDirection.FromDevice => IommuMapFlags.Write,
            _ => IommuMapFlags.Read | IommuMapFlags.Write,
        };
        byte status = IommuStatus.Ok;
        int runs = _mapsEachPage ? pages : 1, mapped = 0;
        ulong runBytes = (ulong)(pages / runs) * GuestMemory.PageSize;
        for (; mapped < runs && status == IommuStatus.Ok; mapped++)
        {
            ulong offset = (ulong)mapped * runBytes;
            Post(IommuRequests.EncodeMap(_domain, iova + offset, iova + offset + runBytes - 1, page + offset, flags));
            status = SyncOne(out SimTime syncCost);
            cost += syncCost;
        }
        if (status != IommuStatus.Ok && mapped > 1)
        {
            // dma-iommu undoes the runs it did map before the failing one (iommu_map_sg's error path).
            Post(IommuRequests.EncodeUnmap(_domain, iova, iova + (ulong)(mapped - 1) * runBytes - 1));
            SyncOne(out SimTime undo);
            cost += undo;
        }
        if (status != IommuStatus.Ok)
        {
            Release(iova, pages);
            Counters.Exhaustions++;
            return new(DmaMapStatus.Exhausted, default, cost, $"MAP of {pages} pages at IOVA 0x{iova:x} answered {IommuStatus.Name(status)}");
        }
        Exposure.Reach(guestAddress, length);
        ulong dma = iova + (guestAddress - page);
        return new(DmaMapStatus.Mapped, new DmaBuffer(guestAddress, length, direction, dma, (long)iova), cost, "");
    }

    /// <inheritdoc />
    public override DmaUnmapResult Unmap(in DmaBuffer buffer)
    {
        ulong iova = (ulong)buffer.Handle;
        int pages = PagesSpanned(buffer.GuestAddress, buffer.Length);
        Post(IommuRequests.EncodeUnmap(_domain, iova, iova + (ulong)pages * GuestMemory.PageSize - 1));
        Exposure.Unreach(buffer.GuestAddress, buffer.Length);
        if (_invalidation.IsStrict)
        {
            byte status = SyncOne(out SimTime cost);
            _device.Flush();
            Counters.IommuFlushes++;
            Release(iova, pages);
            cost += Context.ChargeDriver(_flush.Once);
            return status == IommuStatus.Ok
                ? new(DmaUnmapStatus.Unmapped, cost, "")
                : new(DmaUnmapStatus.NotMapped, cost, $"UNMAP of IOVA 0x{iova:x} answered {IommuStatus.Name(status)}");
        }
        if (_deferred.Count == 0) _oldestDeferred = Context.Clock();
        _deferred.Add((iova, pages, buffer.GuestAddress, buffer.Length));
        Exposure.BeginStale(buffer.GuestAddress, buffer.Length);
        return new(DmaUnmapStatus.Unmapped, FlushIfDue(), "");
    }

    /// <inheritdoc />
    protected override AccessVerdict ReadCore(ulong address, Span<byte> destination, out string rule)
    {
        var (hits, misses, stale) = (_device.IoTlb.Hits, _device.IoTlb.Misses, _access.StaleAccesses);
        var verdict = _access.Read(address, destination);
        Account(hits, misses, stale, address, (ulong)destination.Length, verdict);
        rule = verdict == AccessVerdict.Allowed ? "" : $"IOVA range not mapped readable for endpoint {_endpoint}";
        return verdict;
    }

    /// <inheritdoc />
    protected override AccessVerdict WriteCore(ulong address, ReadOnlySpan<byte> source, out string rule)
    {
        var (hits, misses, stale) = (_device.IoTlb.Hits, _device.IoTlb.Misses, _access.StaleAccesses);
        var verdict = _access.Write(address, source);
        Account(hits, misses, stale, address, (ulong)source.Length, verdict);
        rule = verdict == AccessVerdict.Allowed ? "" : $"IOVA range not mapped writable for endpoint {_endpoint}";
        return verdict;
    }

    /// <summary>
    /// Charges the access's IOTLB lookups and counts it as stale when it went through a translation the guest has
    /// already unmapped: a stale IOTLB entry, or a mapping whose UNMAP is still waiting in the flush queue.
    /// </summary>
    private void Account(long hitsBefore, long missesBefore, long staleBefore, ulong address, ulong length, AccessVerdict verdict)
    {
        long hits = _device.IoTlb.Hits - hitsBefore, misses = _device.IoTlb.Misses - missesBefore;
        Counters.IotlbHits += hits;
        Counters.IotlbMisses += misses;
        if (hits > 0) Accrue(_hit.Times(hits));
        if (misses > 0) Accrue(_miss.Times(misses));
        if (verdict != AccessVerdict.Allowed) return;
        bool stale = _access.StaleAccesses > staleBefore;
        foreach (var (iova, pages, _, _) in _deferred)
            stale |= address < iova + (ulong)pages * GuestMemory.PageSize && iova < address + Math.Max(length, 1);
        if (stale) Exposure.StaleAccess();
    }

    /// <summary>Lazy only: the flush queue invalidates everything deferred when it holds the batch count or its oldest entry is old enough.</summary>
    private SimTime FlushIfDue()
    {
        if (_deferred.Count == 0) return SimTime.Zero;
        if (_deferred.Count < _invalidation.BatchCount && Context.Clock() - _oldestDeferred < _invalidation.Timeout) return SimTime.Zero;
        SimTime cost = _port.Pending > 0 ? Sync(out _) : SimTime.Zero;
        _device.Flush();
        Counters.IommuFlushes++;
        foreach (var (iova, pages, guestAddress, length) in _deferred)
        {
            Exposure.EndStale(guestAddress, length);
            Release(iova, pages);
        }
        _deferred.Clear();
        return cost + Context.ChargeDriver(_flush.Once);
    }

    private void Post(byte[] request)
    {
        _port.Post(request);
        Counters.IommuRequests++;
    }

    /// <summary>Syncs and returns the status of the last request answered (the one just posted).</summary>
    private byte SyncOne(out SimTime cost)
    {
        cost = Sync(out int answered);
        return answered == 0 ? IommuStatus.DevErr : _statuses[^1];
    }

    private SimTime Sync(out int answered)
    {
        _statuses.Clear();
        answered = _port.Sync(_statuses);
        Counters.Exits++;
        return Context.ChargeDriver(_notify.Once) + (answered > 0 ? Context.ChargeDriver(_request.Times(answered)) : SimTime.Zero);
    }

    /// <summary>
    /// Linux's PROBE at endpoint set-up (<c>viommu_probe_endpoint</c>): when the device offers PROBE, one request with
    /// probe_size bytes of properties; the RESV_MEM ones become reserved regions. A refusal or a malformed answer is a
    /// broken device: the set-up fails.
    /// </summary>
    private IReadOnlyList<IommuReservedRegion> ProbeEndpoint(uint endpoint)
    {
        if ((_device.OfferedFeatures & (1UL << IommuFeatures.Probe)) == 0) return [];
        byte[] request = IommuRequests.EncodeProbe(endpoint, _device.ProbeSize);
        Counters.IommuRequests++;
        Counters.Exits++;
        byte status = _port.Call(request);
        if (status != IommuStatus.Ok) throw new InvalidOperationException($"{Context.Accessor}: PROBE of endpoint {endpoint} answered {IommuStatus.Name(status)}");
        var regions = IommuProbeProperties.Read(request.AsSpan(IommuLayout.Probe.Properties, (int)_device.ProbeSize), out string? problem);
        if (problem is not null) throw new InvalidOperationException($"{Context.Accessor}: PROBE of endpoint {endpoint}: {problem}");
        return regions;
    }

    /// <summary>IOVA pages for a buffer: a freed run of the same size (flushed), else the next run clear of every reserved region.</summary>
    private ulong AllocateIova(int pages)
    {
        if (_freeIovas.TryGetValue(pages, out var free) && free.Count > 0) return free.Pop();
        ulong bytes = (ulong)pages * GuestMemory.PageSize;
        foreach (var reserved in ReservedRegions)
        {
            if (reserved.Overlaps(_nextIova, _nextIova + bytes - 1))
                _nextIova = Alignment.PageDown(reserved.End + GuestMemory.PageSize);
        }
        ulong iova = _nextIova;
        _nextIova += bytes;
        return iova;
    }

    private void Release(ulong iova, int pages)
    {
        if (!_freeIovas.TryGetValue(pages, out var free)) _freeIovas.Add(pages, free = new Stack<ulong>());
        free.Push(iova);
    }
}

/// <summary>
/// When the guest's unmaps reach the device (Linux <c>iommu.strict</c>, drivers/iommu/dma-iommu.c): <see cref="IsStrict"/> waits for
/// every unmap's flush; otherwise the flush queue invalidates at <see cref="BatchCount"/> deferred unmaps or when the
/// oldest is <see cref="Timeout"/> old (Linux dma-iommu.c's flush queue: 256 entries or 10 ms).
/// </summary>
/// <param name="IsStrict">Every unmap waits for its flush.</param>
/// <param name="BatchCount">Deferred unmaps that trigger a flush (lazy).</param>
/// <param name="Timeout">Age of the oldest deferred unmap that triggers a flush (lazy).</param>
public sealed record IommuInvalidation(bool IsStrict, int BatchCount, SimTime Timeout)
{
    /// <summary>Strict invalidation.</summary>
    public static IommuInvalidation Strict { get; } = new(true, 1, SimTime.Zero);
}
