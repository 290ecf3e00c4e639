namespace Sim.Layouts;

/// <summary>
/// What a declared guest memory region holds, so that a trace's reader knows how to decode its bytes: a virtqueue area
/// (virtio 1.2, 2.7 split, 2.8 packed), a Xen v1 grant table (xen/include/public/grant_table.h), a bounce window
/// (swiotlb-style, 2 KiB slots) or the buffers of virtio-iommu requests (virtio 1.2, 5.13.6). Trace files and the explain
/// page carry the kind by its <see cref="RegionKinds.WireName"/>; the page gets the names from
/// <see cref="LayoutCatalog.ExportJson"/>, never from its own literals.
/// </summary>
public enum RegionKind
{
    /// <summary>A split virtqueue's descriptor table (2.7.5), wire name <c>split-desc</c>.</summary>
    SplitDesc,
    /// <summary>A split virtqueue's available ring (2.7.6), wire name <c>split-avail</c>.</summary>
    SplitAvail,
    /// <summary>A split virtqueue's used ring (2.7.8), wire name <c>split-used</c>.</summary>
    SplitUsed,
    /// <summary>A packed virtqueue's descriptor ring (2.8.13), wire name <c>packed-desc</c>.</summary>
    PackedDesc,
    /// <summary>A packed virtqueue's driver event suppression structure (2.8.14), wire name <c>packed-driver-event</c>.</summary>
    PackedDriverEvent,
    /// <summary>A packed virtqueue's device event suppression structure (2.8.14), wire name <c>packed-device-event</c>.</summary>
    PackedDeviceEvent,
    /// <summary>A Xen grant table of v1 entries, wire name <c>grant-table</c>.</summary>
    GrantTable,
    /// <summary>A bounce window of 2 KiB slots, wire name <c>window</c>.</summary>
    Window,
    /// <summary>The request buffers of a virtio-iommu driver, one 256-byte slot each, wire name <c>iommu-requests</c>.</summary>
    IommuRequests,
}
