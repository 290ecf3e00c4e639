namespace Sim.Devices.Iommu;

/// <summary>One mapping of a domain: IOVAs [<paramref name="VirtStart"/>, <paramref name="VirtEnd"/>] (inclusive) to guest-physical <paramref name="PhysStart"/>.</summary>
/// <param name="VirtStart">First IOVA (granule-aligned).</param>
/// <param name="VirtEnd">Last IOVA, inclusive (one below a granule boundary).</param>
/// <param name="PhysStart">Guest-physical address of <paramref name="VirtStart"/>.</param>
/// <param name="Flags">Permissions.</param>
public readonly record struct IommuMapping(ulong VirtStart, ulong VirtEnd, ulong PhysStart, IommuMapFlags Flags)
{
    /// <summary>Whether <paramref name="iova"/> lies in the mapping.</summary>
    public bool Covers(ulong iova) => iova >= VirtStart && iova <= VirtEnd;

    /// <summary>The guest-physical address of <paramref name="iova"/> (which the mapping covers).</summary>
    public ulong Translate(ulong iova) => PhysStart + (iova - VirtStart);
}
