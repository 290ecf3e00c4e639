using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// What an <see cref="IIommuPolicy"/> may do, for endpoint <see cref="Endpoint"/> in domain <see cref="Domain"/>: each
/// request runs on the real <see cref="IommuDevice"/> and the <see cref="IommuModel"/> and is judged by the oracle
/// (<see cref="IommuHarness"/>), plus the protocol's own rules (virtio 1.2, 5.13.6; Linux dma-iommu.c): the device
/// touches only IOVAs mapped for a request in flight (under lazy invalidation, an IOVA whose unmap still waits in the
/// flush queue is tolerated but reported as a finding), and the driver never maps an IOVA again before the unmap of its
/// previous use has been flushed (dma-iommu frees IOVAs from the flush queue, after the IOTLB invalidation).
/// </summary>
public sealed class IommuPolicyContext
{
    /// <summary>The endpoint of the device the policy drives (the harness's endpoint 1).</summary>
    public const uint Endpoint = 1;
    /// <summary>The domain the endpoint is attached to at the start (the harness's domain 1).</summary>
    public const uint Domain = 1;

    private readonly List<IommuDmaRequest> _inFlight;
    private readonly HashSet<ulong> _everMapped = new();
    private readonly Dictionary<ulong, IommuDmaRequest> _unmappedBy = new();

    internal IommuPolicyContext(IommuHarness harness, List<IommuDmaRequest> inFlight)
    {
        Harness = harness;
        _inFlight = inFlight;
    }

    /// <summary>The harness: the real device, the model and the report.</summary>
    public IommuHarness Harness { get; }

    /// <summary>Requests submitted whose used element has not come back.</summary>
    public IReadOnlyList<IommuDmaRequest> InFlight => _inFlight;

    /// <summary>
    /// The lowest run of <paramref name="pages"/> IOVA pages that no live mapping of <see cref="Domain"/> holds and no
    /// unmap waiting in the flush queue covers: what dma-iommu's IOVA allocator would hand out.
    /// </summary>
    public ulong FreeIova(int pages)
    {
        for (ulong first = 0; ; first++)
        {
            bool free = true;
            for (ulong page = first; page < first + (ulong)pages && free; page++)
                free = !Harness.Model.AwaitsFlush(Domain, page)
                    && !(Harness.Model.Domains.TryGetValue(Domain, out var maps) && maps.Any(m => m.First <= page && m.Last >= page));
            if (free) return first;
        }
    }

    /// <summary>
    /// The driver maps IOVA pages [<paramref name="iovaPage"/>, +<paramref name="pages"/>) of <see cref="Domain"/> to
    /// guest page <paramref name="guestPage"/> for <paramref name="request"/> (a MAP request); on OK the run joins
    /// <see cref="IommuDmaRequest.Mappings"/>. Mapping a page whose earlier unmap is still in the flush queue is a violation.
    /// </summary>
    public byte Map(IommuDmaRequest request, ulong iovaPage, ulong pages, ulong guestPage, IommuMapFlags flags)
    {
        for (ulong page = iovaPage; page < iovaPage + pages; page++)
            if (Harness.Model.AwaitsFlush(Domain, page))
            {
                string by = _unmappedBy.TryGetValue(page, out var earlier) ? $" (unmapped by {earlier})" : "";
                Harness.Fail($"the driver reused IOVA p{page} for {request} before its unmap{by} was flushed: the IOVA is still in the flush queue ({Harness.Model.Pending} unmaps pending)");
                break;
            }
        var range = new IovaRange(iovaPage, pages, flags);
        byte status = Harness.Execute(new IommuMap(Domain, range.Iova, (iovaPage + pages) * IommuDevice.Granule - 1, guestPage * IommuDevice.Granule, flags));
        if (status == IommuStatus.Ok)
        {
            request.Mappings.Add(range);
            for (ulong page = iovaPage; page < iovaPage + pages; page++) _everMapped.Add(page);
        }
        Harness.CheckInvariants();
        return status;
    }

    /// <summary>The driver unmaps <paramref name="range"/> of <paramref name="request"/> (an UNMAP request); on OK it leaves <see cref="IommuDmaRequest.Mappings"/>.</summary>
    public byte Unmap(IommuDmaRequest request, IovaRange range)
    {
        byte status = Harness.Execute(new IommuUnmap(Domain, range.Iova, (range.Page + range.Pages) * IommuDevice.Granule - 1));
        if (status == IommuStatus.Ok && request.Mappings.Remove(range))
            for (ulong page = range.Page; page < range.Page + range.Pages; page++) _unmappedBy[page] = request;
        Harness.CheckInvariants();
        return status;
    }

    /// <summary>
    /// The device reads or writes <paramref name="length"/> bytes at <paramref name="iova"/> through the IOMMU. Every
    /// page touched must be mapped (writable for a write, readable for a read) for a request in flight: anything else
    /// is a violation even when the IOMMU refuses it (a correct device never tries), except a page whose unmap is still
    /// in the flush queue under lazy invalidation, which is reported as a finding (allowed through a stale IOTLB entry,
    /// or faulted because none was cached).
    /// </summary>
    public AccessVerdict Access(ulong iova, int length, bool write)
    {
        var needed = write ? IommuMapFlags.Write : IommuMapFlags.Read;
        var outside = new List<ulong>();
        var pending = new List<ulong>();
        for (ulong page = iova / IommuDevice.Granule; page <= (iova + (ulong)Math.Max(length, 1) - 1) / IommuDevice.Granule; page++)
        {
            if (_inFlight.Any(r => r.Mappings.Any(m => m.Holds(page) && (m.Flags & needed) == needed))) continue;
            if (Harness.Model.Reach(Endpoint, page, needed, out _) == IommuModel.PageReach.Stale) pending.Add(page);
            else outside.Add(page);
        }
        var verdict = Harness.Access(Endpoint, iova, length, write);
        string what = $"the device {(write ? "wrote" : "read")} {length} bytes at IOVA 0x{iova:x}";
        if (outside.Count > 0)
            Harness.Fail($"{what}, but no request in flight maps p{string.Join(",p", outside)}{(write ? " writable" : " readable")} (the IOMMU answered {verdict})");
        else if (pending.Count > 0 && verdict != AccessVerdict.Allowed)
            Harness.Finding($"{what} after its unmap (p{string.Join(",p", pending)} still in the flush queue); the IOMMU answered {verdict}, no translation was cached");
        Harness.CheckInvariants();
        return verdict;
    }

    /// <summary>The driver flushes the IOTLB now (a sync of the flush queue); unmapped IOVAs become reusable.</summary>
    public void Flush()
    {
        Harness.Flush();
        Harness.CheckInvariants();
    }

    /// <summary>
    /// The driver detaches <see cref="Endpoint"/> from <see cref="Domain"/> (DETACH, 5.13.6.4). When the domain ceases
    /// to exist, its mappings and cached translations go with it, and every request's <see cref="IommuDmaRequest.Mappings"/> are cleared.
    /// </summary>
    public byte Detach()
    {
        byte status = Harness.Execute(new IommuDetach(Domain, Endpoint));
        if (Harness.Device.Domain(Domain) is null)
            foreach (var request in _inFlight) request.Mappings.Clear();
        Harness.CheckInvariants();
        return status;
    }

    /// <summary>The driver attaches <see cref="Endpoint"/> to <see cref="Domain"/> (ATTACH, 5.13.6.3), creating the domain if it is gone.</summary>
    public byte Attach()
    {
        byte status = Harness.Execute(new IommuAttach(Domain, Endpoint));
        Harness.CheckInvariants();
        return status;
    }

    /// <summary>
    /// After a reset: the endpoint's domain (if any) holds no mapping, no IOVA page ever mapped stays reachable (live or
    /// through a translation not yet flushed), and no stale IOTLB entry survives.
    /// </summary>
    internal void CheckNothingLeaks()
    {
        var reachable = _everMapped.Order().Where(p => Harness.Model.Reach(Endpoint, p, IommuMapFlags.None, out _) != IommuModel.PageReach.None).ToList();
        if (Harness.Device.DomainOf(Endpoint) is uint domain && Harness.Device.Domain(domain)!.Count > 0)
            Harness.Fail($"{Harness.Device.Domain(domain)!.Count} mapping(s) of d{domain} survive the reset");
        else if (reachable.Count > 0)
            Harness.Fail($"IOVA p{reachable[0]} stays reachable by ep{Endpoint} after the reset, {(Harness.Model.Reach(Endpoint, reachable[0], IommuMapFlags.None, out _) == IommuModel.PageReach.Live ? "still mapped" : "its unmap still waiting in the flush queue")}");
        else if (Harness.Device.IoTlb.StaleCount != 0)
            Harness.Fail($"{Harness.Device.IoTlb.StaleCount} stale IOTLB entr(ies) survive the reset");
        Harness.CheckInvariants();
    }
}
