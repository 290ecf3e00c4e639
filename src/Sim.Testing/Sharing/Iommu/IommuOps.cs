using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// One step of a random IOMMU sequence, run by <see cref="IommuHarness.Apply"/>. Pages are 4 KiB IOVA (or
/// guest-physical) page numbers; requests go through their bytes, as the request queue would carry them.
/// </summary>
public abstract record IommuOp
{
    /// <summary>The virtio-iommu request this step sends, or null for device accesses, flushes and resets.</summary>
    public virtual IommuRequest? Request => null;

    /// <summary>Text of an IOVA page range.</summary>
    protected static string Range(ulong page, ulong pages) => pages == 1 ? $"p{page}" : $"p{page}..p{page + pages - 1}";
}

/// <summary>ATTACH <paramref name="Endpoint"/> to <paramref name="Domain"/> (virtio 1.2, 5.13.6.3).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Endpoint">Endpoint id.</param>
public sealed record AttachEndpoint(uint Domain, uint Endpoint) : IommuOp
{
    /// <inheritdoc />
    public override IommuRequest? Request => new IommuAttach(Domain, Endpoint);
    /// <inheritdoc />
    public override string ToString() => $"attach(d{Domain},ep{Endpoint})";
}

/// <summary>DETACH <paramref name="Endpoint"/> from <paramref name="Domain"/> (5.13.6.4).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Endpoint">Endpoint id.</param>
public sealed record DetachEndpoint(uint Domain, uint Endpoint) : IommuOp
{
    /// <inheritdoc />
    public override IommuRequest? Request => new IommuDetach(Domain, Endpoint);
    /// <inheritdoc />
    public override string ToString() => $"detach(d{Domain},ep{Endpoint})";
}

/// <summary>MAP IOVA pages [<paramref name="Page"/>, +<paramref name="Pages"/>) of <paramref name="Domain"/> to guest page <paramref name="PhysPage"/> (5.13.6.5).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Page">First IOVA page.</param>
/// <param name="Pages">Pages (at least 1).</param>
/// <param name="PhysPage">First guest-physical page.</param>
/// <param name="Flags">Permissions.</param>
public sealed record MapIova(uint Domain, ulong Page, ulong Pages, ulong PhysPage, IommuMapFlags Flags) : IommuOp
{
    /// <inheritdoc />
    public override IommuRequest? Request => new IommuMap(Domain, Page * IommuDevice.Granule, (Page + Pages) * IommuDevice.Granule - 1, PhysPage * IommuDevice.Granule, Flags);
    /// <inheritdoc />
    public override string ToString() => $"map(d{Domain},{Range(Page, Pages)}->g{PhysPage},{Flags})";
}

/// <summary>UNMAP IOVA pages [<paramref name="Page"/>, +<paramref name="Pages"/>) of <paramref name="Domain"/> (5.13.6.6).</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Page">First IOVA page.</param>
/// <param name="Pages">Pages (at least 1).</param>
public sealed record UnmapIova(uint Domain, ulong Page, ulong Pages) : IommuOp
{
    /// <inheritdoc />
    public override IommuRequest? Request => new IommuUnmap(Domain, Page * IommuDevice.Granule, (Page + Pages) * IommuDevice.Granule - 1);
    /// <inheritdoc />
    public override string ToString() => $"unmap(d{Domain},{Range(Page, Pages)})";
}

/// <summary>A DMA read or write by the device behind <paramref name="Endpoint"/> at IOVA page <paramref name="Page"/> + <paramref name="Offset"/>.</summary>
/// <param name="Endpoint">Endpoint id.</param>
/// <param name="Page">IOVA page.</param>
/// <param name="Offset">Byte offset in the page.</param>
/// <param name="Length">Bytes (at least 1; may cross pages).</param>
/// <param name="Write">Whether it writes.</param>
public sealed record DmaAccess(uint Endpoint, ulong Page, int Offset, int Length, bool Write) : IommuOp
{
    /// <summary>The first IOVA.</summary>
    public ulong Iova => Page * IommuDevice.Granule + (ulong)Offset;
    /// <inheritdoc />
    public override string ToString() => $"{(Write ? "write" : "read")}(ep{Endpoint},p{Page}+{Offset},{Length})";
}

/// <summary>The deferred IOTLB flush (<see cref="IommuDevice.Flush"/>).</summary>
public sealed record FlushIotlb : IommuOp
{
    /// <inheritdoc />
    public override string ToString() => "flush";
}

/// <summary>A reset of the device behind <paramref name="Endpoint"/>: see <see cref="IommuHarness.Reset"/>.</summary>
/// <param name="Endpoint">Endpoint id.</param>
public sealed record ResetEndpoint(uint Endpoint) : IommuOp
{
    /// <inheritdoc />
    public override string ToString() => $"reset(ep{Endpoint})";
}

/// <summary>FsCheck generators of IOMMU operations and sequences.</summary>
public static class IommuGenerators
{
    /// <summary>
    /// One operation: domains 1-3 (mostly 1), endpoints 1-2 (mostly 1), IOVA pages 0-7, runs of 1-3 pages (a third of the unmaps cover pages 0-9 whole), guest
    /// pages 0-63, permissions mostly read-write; accesses mostly small, some crossing pages; flushes and resets rare.
    /// </summary>
    public static Gen<IommuOp> Op { get; } = Gen.Frequency(
        (1, from d in Domain from e in Endpoint select (IommuOp)new AttachEndpoint(d, e)),
        (1, from d in Domain from e in Endpoint select (IommuOp)new DetachEndpoint(d, e)),
        (5, from d in Domain
            from page in Gen.Choose(0, 7)
            from pages in Gen.Choose(1, 3)
            from phys in Gen.Choose(0, 63)
            from flags in Gen.Frequency((4, Gen.Constant(IommuMapFlags.Read | IommuMapFlags.Write)), (2, Gen.Constant(IommuMapFlags.Read)), (2, Gen.Constant(IommuMapFlags.Write)), (1, Gen.Constant(IommuMapFlags.None)))
            select (IommuOp)new MapIova(d, (ulong)page, (ulong)pages, (ulong)phys, flags)),
        (2, from d in Domain from page in Gen.Choose(0, 7) from pages in Gen.Choose(1, 3) select (IommuOp)new UnmapIova(d, (ulong)page, (ulong)pages)),
        (1, from d in Domain select (IommuOp)new UnmapIova(d, 0, 10)), // the whole space the maps use: never splits, removes everything
        (9, from e in Endpoint
            from page in Gen.Choose(0, 8)
            from offset in Gen.Frequency((4, Gen.Choose(0, 64)), (1, Gen.Choose(4000, 4095)))
            from length in Gen.Frequency((4, Gen.Choose(1, 64)), (1, Gen.Choose(100, 6000)))
            from write in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (IommuOp)new DmaAccess(e, (ulong)page, offset, length, write)),
        (1, Gen.Constant((IommuOp)new FlushIotlb())),
        (1, from e in Endpoint select (IommuOp)new ResetEndpoint(e)));

    private static Gen<uint> Domain => Gen.Frequency((5, Gen.Constant(1u)), (1, Gen.Constant(2u)), (1, Gen.Constant(3u)));
    private static Gen<uint> Endpoint => Gen.Frequency((4, Gen.Constant(1u)), (1, Gen.Constant(2u)));

    /// <summary>Sequences of 1 to <paramref name="maxSteps"/> operations, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<IommuOp>> Sequences(int maxSteps = 50) => OpScript<IommuOp>.Arbitrary(Op, maxSteps);
}
