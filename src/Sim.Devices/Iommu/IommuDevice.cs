using Sim.Hypervisors.Memory;

namespace Sim.Devices.Iommu;

/// <summary>
/// The state of a virtio-iommu device (virtio 1.2, 5.13; device id 23), no timing: domains (id → IOVA space of
/// mappings), endpoints attached to them, the IOTLB, and the request semantics of 5.13.6. Offers INPUT_RANGE,
/// DOMAIN_RANGE and MAP_UNMAP, and PROBE when its options give a probe size (answering with one RESV_MEM property per
/// reserved region); not BYPASS or MMIO (those requests and flags are refused). A domain exists
/// from the first ATTACH naming it until its last endpoint is detached (5.13.6.4: "it ceases to exist").
/// </summary>
public sealed class IommuDevice
{
    /// <summary>The page granule: 4 KiB (<c>page_size_mask</c> = 0x1000), the IOTLB's page.</summary>
    public const ulong Granule = GuestMemory.PageSize;

    private readonly IommuDeviceOptions _options;
    private readonly HashSet<uint> _knownEndpoints;
    private readonly Dictionary<uint, IommuAddressSpace> _domains = new();
    private readonly Dictionary<uint, uint> _attached = new(); // endpoint → domain
    private readonly List<IommuMapping> _removed = new();

    /// <summary>A device with <paramref name="options"/>.</summary>
    public IommuDevice(IommuDeviceOptions options)
    {
        if (options.FirstDomain > options.LastDomain) throw new ArgumentException($"domain range [{options.FirstDomain}, {options.LastDomain}] is empty", nameof(options));
        if (options.FirstIova > options.LastIova) throw new ArgumentException($"IOVA range [0x{options.FirstIova:x}, 0x{options.LastIova:x}] is empty", nameof(options));
        _options = options;
        _knownEndpoints = new HashSet<uint>(options.Endpoints);
        IoTlb = new IoTlb(options.IotlbCapacity);
    }

    /// <summary>Feature bits offered: INPUT_RANGE, DOMAIN_RANGE, MAP_UNMAP (5.13.3).</summary>
    public ulong OfferedFeatures => 1UL << IommuFeatures.InputRange | 1UL << IommuFeatures.DomainRange | 1UL << IommuFeatures.MapUnmap
        | (_options.ProbeSize > 0 ? 1UL << IommuFeatures.Probe : 0);

    /// <summary>Config <c>probe_size</c>: bytes of properties a PROBE request must provide (0: PROBE not offered).</summary>
    public uint ProbeSize => _options.ProbeSize;

    /// <summary>The invalidation policy.</summary>
    public InvalidationPolicy Invalidation => _options.Invalidation;

    /// <summary>The IOTLB.</summary>
    public IoTlb IoTlb { get; }

    /// <summary>What the device did.</summary>
    public IommuCounters Counters { get; } = new();

    /// <summary>Unmaps whose invalidation is deferred (always 0 under <see cref="InvalidationPolicy.Strict"/>).</summary>
    public int PendingUnmaps { get; private set; }

    /// <summary>The ids of existing domains.</summary>
    public IReadOnlyCollection<uint> Domains => _domains.Keys;

    /// <summary>The mappings of <paramref name="domain"/>, or null when it does not exist.</summary>
    public IommuAddressSpace? Domain(uint domain) => _domains.GetValueOrDefault(domain);

    /// <summary>The domain <paramref name="endpoint"/> is attached to, if any.</summary>
    public uint? DomainOf(uint endpoint) => _attached.TryGetValue(endpoint, out uint domain) ? domain : null;

    /// <summary>Decodes a whole request buffer, executes it, writes the status into its tail and returns it.</summary>
    public byte Execute(Span<byte> buffer)
    {
        byte status;
        if (!IommuRequests.TryDecode(buffer, out var request, out status)) Counters.Request(status);
        else if (request is IommuProbe probe)
        {
            status = Probe(probe, buffer.Slice(IommuLayout.Probe.Properties, (int)probe.ProbeSize));
            Counters.Request(status);
        }
        else status = Execute(request);
        if (buffer.Length >= IommuLayout.Head.Size + IommuLayout.Tail.Size) IommuRequests.WriteStatus(buffer, status);
        return status;
    }

    /// <summary>Executes <paramref name="request"/> and returns its status (virtio 1.2, 5.13.6).</summary>
    public byte Execute(IommuRequest request)
    {
        byte status = request switch
        {
            IommuAttach a => Attach(a),
            IommuDetach d => Detach(d),
            IommuMap m => Map(m),
            IommuUnmap u => Unmap(u),
            IommuProbe p => Probe(p, Span<byte>.Empty),
            _ => IommuStatus.Unsupp,
        };
        Counters.Request(status);
        return status;
    }

    // 5.13.6.8: UNSUPP unless PROBE is offered; NOENT for an unknown endpoint; a buffer smaller than probe_size, or too
    // small for every property, is INVAL. Properties go into the buffer when there is one (the wire path).
    private byte Probe(IommuProbe request, Span<byte> properties)
    {
        if (_options.ProbeSize == 0) return IommuStatus.Unsupp;
        if (!_knownEndpoints.Contains(request.Endpoint)) return IommuStatus.NoEnt;
        if (request.ProbeSize < _options.ProbeSize || (long)_options.ReservedRegions.Count * IommuLayout.ResvMem.Size > request.ProbeSize) return IommuStatus.Inval;
        if (!properties.IsEmpty && !IommuProbeProperties.TryWrite(properties, _options.ReservedRegions)) return IommuStatus.Inval;
        return IommuStatus.Ok;
    }

    /// <summary>The deferred flush: drops every stale IOTLB entry and clears <see cref="PendingUnmaps"/>.</summary>
    public void Flush()
    {
        IoTlb.InvalidateStale();
        PendingUnmaps = 0;
        Counters.Flush();
    }

    /// <summary>
    /// Translates IOVA page <paramref name="iovaPage"/> of <paramref name="endpoint"/> for an access needing
    /// <paramref name="needed"/> (Read or Write): IOTLB first, then the domain's mappings (the result is cached).
    /// </summary>
    public IommuTranslation Translate(uint endpoint, ulong iovaPage, IommuMapFlags needed)
    {
        if (!_attached.TryGetValue(endpoint, out uint domain)) return new(IommuTranslationOutcome.NotAttached, 0);
        if (!IoTlb.TryLookup(domain, iovaPage, out var entry))
        {
            var mapping = _domains[domain].Find(iovaPage << GuestMemory.PageShift);
            if (mapping is not { } m) return new(IommuTranslationOutcome.Unmapped, 0);
            entry = new IoTlbEntry(domain, iovaPage, m.Translate(iovaPage << GuestMemory.PageShift) >> GuestMemory.PageShift, m.Flags, Stale: false);
            IoTlb.Insert(entry);
        }
        if ((entry.Flags & needed) != needed) return new(IommuTranslationOutcome.Forbidden, 0);
        return new(entry.Stale ? IommuTranslationOutcome.AllowedStale : IommuTranslationOutcome.Allowed, entry.PhysPage);
    }

    // 5.13.6.3: an unknown endpoint is NOENT, a domain outside domain_range is RANGE, an unrecognised flag is INVAL
    // (BYPASS needs BYPASS_CONFIG, not offered); an endpoint attached elsewhere is first detached from there.
    private byte Attach(IommuAttach request)
    {
        if (!_knownEndpoints.Contains(request.Endpoint)) return IommuStatus.NoEnt;
        if (request.Domain < _options.FirstDomain || request.Domain > _options.LastDomain) return IommuStatus.Range;
        if (request.Flags != 0) return IommuStatus.Inval;
        if (_attached.TryGetValue(request.Endpoint, out uint previous))
        {
            if (previous == request.Domain) return IommuStatus.Ok;
            Leave(request.Endpoint, previous);
        }
        if (!_domains.ContainsKey(request.Domain)) _domains.Add(request.Domain, new IommuAddressSpace());
        _attached[request.Endpoint] = request.Domain;
        return IommuStatus.Ok;
    }

    // 5.13.6.4: an unknown domain or endpoint is NOENT; an endpoint not attached to that domain is INVAL.
    private byte Detach(IommuDetach request)
    {
        if (!_domains.ContainsKey(request.Domain) || !_knownEndpoints.Contains(request.Endpoint)) return IommuStatus.NoEnt;
        if (!_attached.TryGetValue(request.Endpoint, out uint domain) || domain != request.Domain) return IommuStatus.Inval;
        Leave(request.Endpoint, domain);
        return IommuStatus.Ok;
    }

    // 5.13.6.5: unknown domain NOENT; unknown or unoffered flags (MMIO) INVAL; virt_end < virt_start INVAL;
    // virt_start, phys_start or virt_end + 1 not granule-aligned, or outside input_range, RANGE; overlap INVAL.
    private byte Map(IommuMap request)
    {
        if (!_domains.TryGetValue(request.Domain, out var space)) return IommuStatus.NoEnt;
        if ((request.Flags & ~(IommuMapFlags.Read | IommuMapFlags.Write)) != 0) return IommuStatus.Inval;
        if (request.VirtEnd < request.VirtStart) return IommuStatus.Inval;
        if (request.VirtStart % Granule != 0 || request.PhysStart % Granule != 0 || (request.VirtEnd & (Granule - 1)) != Granule - 1) return IommuStatus.Range;
        if (request.VirtStart < _options.FirstIova || request.VirtEnd > _options.LastIova) return IommuStatus.Range;
        if (request.PhysStart + (request.VirtEnd - request.VirtStart) < request.PhysStart) return IommuStatus.Range;
        if (space.Overlaps(request.VirtStart, request.VirtEnd)) return IommuStatus.Inval;
        if (space.Count >= _options.MaxMappingsPerDomain) return IommuStatus.NoMem;
        space.TryAdd(new IommuMapping(request.VirtStart, request.VirtEnd, request.PhysStart, request.Flags));
        // A stale translation left in the new range would shadow the new mapping: drop it now. (Linux never reuses
        // an IOVA before its deferred flush, so this costs a Linux guest nothing.)
        IoTlb.Invalidate(request.Domain, request.VirtStart >> GuestMemory.PageShift, request.VirtEnd >> GuestMemory.PageShift);
        return IommuStatus.Ok;
    }

    // 5.13.6.6: unknown domain NOENT; virt_end < virt_start INVAL; a mapping that would be split RANGE, nothing
    // removed; otherwise every mapping wholly inside goes (none is OK too).
    private byte Unmap(IommuUnmap request)
    {
        if (!_domains.TryGetValue(request.Domain, out var space)) return IommuStatus.NoEnt;
        if (request.VirtEnd < request.VirtStart) return IommuStatus.Inval;
        _removed.Clear();
        if (!space.TryRemove(request.VirtStart, request.VirtEnd, _removed)) return IommuStatus.Range;
        if (_removed.Count == 0) return IommuStatus.Ok;
        foreach (var mapping in _removed)
        {
            ulong first = mapping.VirtStart >> GuestMemory.PageShift, last = mapping.VirtEnd >> GuestMemory.PageShift;
            if (Invalidation.IsStrict) IoTlb.Invalidate(request.Domain, first, last);
            else IoTlb.MarkStale(request.Domain, first, last);
        }
        if (!Invalidation.IsStrict && ++PendingUnmaps >= Invalidation.BatchCount) Flush();
        return IommuStatus.Ok;
    }

    // Detaches the endpoint; a domain left without endpoints ceases to exist, its mappings and every cached
    // translation of it dropped at once under either policy (Linux flushes synchronously when a domain goes).
    private void Leave(uint endpoint, uint domain)
    {
        _attached.Remove(endpoint);
        if (_attached.ContainsValue(domain)) return;
        _domains.Remove(domain);
        IoTlb.InvalidateDomain(domain);
    }
}
