using Sim.Devices.Iommu;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// The obviously-correct model of a virtio-iommu under an <see cref="InvalidationPolicy"/>: domains as lists of
/// mappings, endpoints as a dictionary, the status of each request by the rules of virtio 1.2, 5.13.6, and under the
/// lazy policy the pages whose translation may still sit in the IOTLB (unmapped since the last flush). A page is
/// <see cref="PageReach.Live"/> when a current mapping grants the access, <see cref="PageReach.Stale"/> when only a
/// not-yet-flushed translation could, else <see cref="PageReach.None"/>.
/// </summary>
public sealed class IommuModel
{
    /// <summary>One mapping: IOVA pages [<paramref name="First"/>, <paramref name="Last"/>] to guest page <paramref name="Phys"/>.</summary>
    /// <param name="First">First IOVA page.</param>
    /// <param name="Last">Last IOVA page.</param>
    /// <param name="Phys">Guest-physical page of <paramref name="First"/>.</param>
    /// <param name="Flags">Permissions.</param>
    public sealed record Mapping(ulong First, ulong Last, ulong Phys, IommuMapFlags Flags);

    /// <summary>How an endpoint may reach one IOVA page.</summary>
    public enum PageReach
    {
        /// <summary>Not at all: an allowed access is a violation.</summary>
        None,
        /// <summary>Only through a translation the lazy policy has not flushed yet: allowed is possible, and must be counted stale.</summary>
        Stale,
        /// <summary>Through a current mapping: the access must be allowed.</summary>
        Live,
    }

    private readonly Dictionary<uint, List<Mapping>> _domains = new();
    private readonly Dictionary<uint, uint> _attached = new();
    private readonly Dictionary<(uint Domain, ulong Page), (ulong Phys, IommuMapFlags Flags)> _stale = new();

    /// <summary>A model with nothing attached, under <paramref name="policy"/>.</summary>
    public IommuModel(InvalidationPolicy policy) => Policy = policy;

    /// <summary>The invalidation policy the model expects.</summary>
    public InvalidationPolicy Policy { get; }
    /// <summary>Existing domains and their mappings.</summary>
    public IReadOnlyDictionary<uint, List<Mapping>> Domains => _domains;
    /// <summary>Endpoint → domain.</summary>
    public IReadOnlyDictionary<uint, uint> Attached => _attached;
    /// <summary>Unmaps since the last flush (always 0 when strict).</summary>
    public int Pending { get; private set; }
    /// <summary>Pages whose translation may still be cached although unmapped.</summary>
    public int StalePages => _stale.Count;

    /// <summary>Applies <paramref name="request"/> and returns the status the device must answer.</summary>
    public byte Execute(IommuRequest request)
    {
        switch (request)
        {
            case IommuAttach a:
                if (_attached.TryGetValue(a.Endpoint, out uint from))
                {
                    if (from == a.Domain) return IommuStatus.Ok;
                    Leave(a.Endpoint, from);
                }
                _domains.TryAdd(a.Domain, []);
                _attached[a.Endpoint] = a.Domain;
                return IommuStatus.Ok;
            case IommuDetach d:
                if (!_domains.ContainsKey(d.Domain)) return IommuStatus.NoEnt;
                if (!_attached.TryGetValue(d.Endpoint, out uint current) || current != d.Domain) return IommuStatus.Inval;
                Leave(d.Endpoint, current);
                return IommuStatus.Ok;
            case IommuMap m:
            {
                if (!_domains.TryGetValue(m.Domain, out var maps)) return IommuStatus.NoEnt;
                ulong first = m.VirtStart / IommuDevice.Granule, last = m.VirtEnd / IommuDevice.Granule;
                if (maps.Any(x => x.First <= last && x.Last >= first)) return IommuStatus.Inval;
                maps.Add(new Mapping(first, last, m.PhysStart / IommuDevice.Granule, m.Flags));
                for (ulong page = first; page <= last; page++) _stale.Remove((m.Domain, page)); // the device drops cached translations of a new range
                return IommuStatus.Ok;
            }
            case IommuUnmap u:
            {
                if (!_domains.TryGetValue(u.Domain, out var maps)) return IommuStatus.NoEnt;
                ulong first = u.VirtStart / IommuDevice.Granule, last = u.VirtEnd / IommuDevice.Granule;
                var hit = maps.Where(x => x.First <= last && x.Last >= first).ToList();
                if (hit.Any(x => x.First < first || x.Last > last)) return IommuStatus.Range;
                if (hit.Count == 0) return IommuStatus.Ok;
                maps.RemoveAll(hit.Contains);
                if (Policy.IsStrict) return IommuStatus.Ok;
                foreach (var x in hit)
                    for (ulong page = x.First; page <= x.Last; page++) _stale[(u.Domain, page)] = (x.Phys + page - x.First, x.Flags);
                if (++Pending >= Policy.BatchCount) Flush();
                return IommuStatus.Ok;
            }
            default:
                return IommuStatus.Unsupp;
        }
    }

    /// <summary>The deferred flush: no stale translation survives it.</summary>
    public void Flush()
    {
        _stale.Clear();
        Pending = 0;
    }

    /// <summary>
    /// Whether IOVA page <paramref name="page"/> of <paramref name="domain"/> was unmapped since the last flush, so its
    /// translation may still sit in the IOTLB (always false when strict): a driver must not reuse it before the flush.
    /// </summary>
    public bool AwaitsFlush(uint domain, ulong page) => _stale.ContainsKey((domain, page));

    /// <summary>How <paramref name="endpoint"/> reaches IOVA page <paramref name="page"/> for an access needing <paramref name="needed"/>, and the guest page it would reach.</summary>
    public PageReach Reach(uint endpoint, ulong page, IommuMapFlags needed, out ulong phys)
    {
        phys = 0;
        if (!_attached.TryGetValue(endpoint, out uint domain)) return PageReach.None;
        var live = _domains[domain].FirstOrDefault(x => x.First <= page && x.Last >= page);
        if (live is not null)
        {
            phys = live.Phys + page - live.First;
            return (live.Flags & needed) == needed ? PageReach.Live : PageReach.None;
        }
        if (_stale.TryGetValue((domain, page), out var stale) && (stale.Flags & needed) == needed)
        {
            phys = stale.Phys;
            return PageReach.Stale;
        }
        return PageReach.None;
    }

    private void Leave(uint endpoint, uint domain)
    {
        _attached.Remove(endpoint);
        if (_attached.ContainsValue(domain)) return;
        _domains.Remove(domain);
        foreach (var key in _stale.Keys.Where(k => k.Domain == domain).ToList()) _stale.Remove(key); // a dying domain is flushed at once
    }
}
