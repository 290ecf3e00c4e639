namespace Sim.Devices.Iommu;

/// <summary>
/// What a virtio-iommu device offers (virtio 1.2, 5.13.4 config: input_range, domain_range) and how its IOTLB
/// behaves. The page granule is fixed at 4 KiB (<c>page_size_mask</c> = 0x1000), the IOTLB's page size.
/// </summary>
public sealed record IommuDeviceOptions
{
    /// <summary>The endpoint ids behind this IOMMU; an ATTACH or DETACH naming another one answers NOENT.</summary>
    public IReadOnlyList<uint> Endpoints { get; init; } = [];
    /// <summary>The first valid domain id (config <c>domain_range.start</c>).</summary>
    public uint FirstDomain { get; init; }
    /// <summary>The last valid domain id (config <c>domain_range.end</c>).</summary>
    public uint LastDomain { get; init; } = uint.MaxValue;
    /// <summary>The first valid IOVA (config <c>input_range.start</c>).</summary>
    public ulong FirstIova { get; init; }
    /// <summary>The last valid IOVA (config <c>input_range.end</c>).</summary>
    public ulong LastIova { get; init; } = ulong.MaxValue;
    /// <summary>Mappings a domain may hold before a MAP answers NOMEM.</summary>
    public int MaxMappingsPerDomain { get; init; } = int.MaxValue;
    /// <summary>IOTLB entries (pages).</summary>
    public int IotlbCapacity { get; init; } = 64;
    /// <summary>
    /// Bytes of properties a PROBE answer has room for (config <c>probe_size</c>); 0 leaves VIRTIO_IOMMU_F_PROBE
    /// unoffered. QEMU's virtio-iommu uses 512.
    /// </summary>
    public uint ProbeSize { get; init; }
    /// <summary>The reserved regions every endpoint reports in its PROBE answer (RESV_MEM properties).</summary>
    public IReadOnlyList<IommuReservedRegion> ReservedRegions { get; init; } = [];
    /// <summary>When unmaps reach the IOTLB.</summary>
    public InvalidationPolicy Invalidation { get; init; } = InvalidationPolicy.Strict;
}
