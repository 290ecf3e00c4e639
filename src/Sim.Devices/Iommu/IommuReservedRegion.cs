namespace Sim.Devices.Iommu;

/// <summary>What a reserved region is for (Linux <c>VIRTIO_IOMMU_RESV_MEM_T_*</c>, virtio 1.2, 5.13.6.8.2).</summary>
public enum IommuReservedKind : byte
{
    /// <summary>Accesses are not translated and the driver must not map IOVAs there (<c>IOMMU_RESV_RESERVED</c>).</summary>
    Reserved = 0,
    /// <summary>An MSI doorbell: writes reach the interrupt controller untranslated (<c>IOMMU_RESV_MSI</c>).</summary>
    Msi = 1,
}

/// <summary>
/// An IOVA range an endpoint may not use for DMA mappings, reported by the device in a PROBE answer's RESV_MEM
/// property (virtio 1.2, 5.13.6.8.2); Linux keeps its IOVA allocator out of it.
/// </summary>
/// <param name="Start">First IOVA.</param>
/// <param name="End">Last IOVA (inclusive).</param>
/// <param name="Kind">What the region is for.</param>
public sealed record IommuReservedRegion(ulong Start, ulong End, IommuReservedKind Kind)
{
    /// <summary>The x86 MSI doorbell window, 0xfee00000 to 0xfeefffff (Intel SDM vol. 3, 11.11.1), as QEMU reports it.</summary>
    public static readonly IommuReservedRegion X86Msi = new(0xFEE0_0000, 0xFEEF_FFFF, IommuReservedKind.Msi);

    /// <summary>Whether [<paramref name="first"/>, <paramref name="last"/>] meets this region.</summary>
    public bool Overlaps(ulong first, ulong last) => first <= End && last >= Start;
}
