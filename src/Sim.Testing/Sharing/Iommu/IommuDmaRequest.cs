using Sim.Devices.Iommu;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// A run of IOVA pages the driver mapped for a request: pages [<paramref name="Page"/>, +<paramref name="Pages"/>) with
/// <paramref name="Flags"/> (one MAP request, virtio 1.2, 5.13.6.5).
/// </summary>
/// <param name="Page">First IOVA page (4 KiB, <see cref="IommuDevice.Granule"/>).</param>
/// <param name="Pages">Pages in the run (at least 1).</param>
/// <param name="Flags">The permissions it was mapped with.</param>
public sealed record IovaRange(ulong Page, ulong Pages, IommuMapFlags Flags)
{
    /// <summary>The first IOVA (a byte address).</summary>
    public ulong Iova => Page * IommuDevice.Granule;

    /// <summary>Whether the run holds IOVA page <paramref name="page"/>.</summary>
    public bool Holds(ulong page) => page >= Page && page < Page + Pages;

    /// <inheritdoc />
    public override string ToString() => Pages == 1 ? $"p{Page}" : $"p{Page}..p{Page + Pages - 1}";
}

/// <summary>
/// A request of a device behind a virtio-iommu endpoint (virtio 1.2, 5.13; Linux drivers/iommu/virtio-iommu.c under
/// dma-iommu), travelling from the driver to the device and back. The runner creates it with its guest buffer; the
/// policy records the IOVAs it maps for it, so later steps (and a reset) can undo them.
/// </summary>
public sealed class IommuDmaRequest
{
    internal IommuDmaRequest(int id, int pages, bool deviceWrites, ulong guestPage)
    {
        Id = id;
        Pages = pages;
        DeviceWrites = deviceWrites;
        GuestPage = guestPage;
    }

    /// <summary>The request's number, in submission order from 0.</summary>
    public int Id { get; }
    /// <summary>Buffer pages the request carries (1 or 2).</summary>
    public int Pages { get; }
    /// <summary>Whether the device writes the buffer (device to guest) rather than reads it.</summary>
    public bool DeviceWrites { get; }
    /// <summary>The first guest-physical page of the buffer (its pages are contiguous; no other request in flight holds them).</summary>
    public ulong GuestPage { get; }
    /// <summary>IOVA runs mapped for the buffer and not yet unmapped (kept by <see cref="IommuPolicyContext.Map"/> and <see cref="IommuPolicyContext.Unmap"/>).</summary>
    public List<IovaRange> Mappings { get; } = new();
    /// <summary>Whether the device has served it.</summary>
    public bool Served { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"r{Id}";
}
