using Sim.Scenarios.Model;

namespace Sim.Worlds.Running;

/// <summary>
/// How a device's backend reaches guest buffers, in words, from its sharing mechanism: what <c>sim explain</c> says when
/// a kick reaches the backend. Words only; what the reaching costs comes from the ledgers (<see cref="LedgerPrices"/>).
/// </summary>
internal static class BufferReach
{
    /// <summary>The words for the device at <paramref name="devicePath"/> of <paramref name="transport"/>; null when it is not found.</summary>
    public static string? For(TransportModel? transport, string devicePath)
    {
        if (transport is null) return null;
        foreach (var guest in transport.Guests)
        {
            var sharing = guest.VirtioDevices
                .Where(d => devicePath == $"{guest.Name}/{d.Name}" || devicePath.EndsWith($"/{guest.Name}/{d.Name}", StringComparison.Ordinal))
                .Select(d => d.Sharing)
                .FirstOrDefault();
            if (sharing is null) continue;
            return sharing.Mechanism switch
            {
                "full" => "through its mapping of all guest RAM: no hypervisor work per access",
                "grant-map" => "by mapping the pages the guest granted (GNTTABOP_map_grant_ref), then unmapping them with a TLB flush",
                "grant-persistent" => "through its persistent grants: a pool mapped once; data is copied between the pool and the guest's buffers",
                "grant-copy" => "with grant copies (GNTTABOP_copy) between the granted pages and its own buffers, no mapping",
                "virtio-grants" => "by mapping the grant reference of each descriptor as it accesses it (virtio over grants)",
                "iommu" => "by I/O virtual address: each access is translated by the IOTLB, a miss walks the guest's virtio-iommu mappings",
                "window" => "only through the shared window: the guest bounced the data into it",
                _ => $"through {sharing.Mechanism}",
            };
        }
        return null;
    }
}
