using System.Globalization;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Running;

/// <summary>
/// What the platform operations of a step cost, and where the figure comes from: each counted operation of a
/// <c>sim explain</c> step priced with the cost profile entry its platform charges for it (a KVM exit by its kick path,
/// a Xen exit as an IOREQ round trip, grant map and unmap, TLB-flush IPI, virtio-iommu request, IOTLB miss, memcpy per
/// byte), with the entry's source. An estimate of the step's platform time: queueing and overlap are not in it.
/// </summary>
internal sealed class ExplainCostHints
{
    private readonly CostProfile profile;
    private readonly Dictionary<string, string> entryOf;

    private ExplainCostHints(CostProfile profile, Dictionary<string, string> entryOf, string reach)
    {
        this.profile = profile;
        this.entryOf = entryOf;
        Reach = reach;
    }

    /// <summary>How the device's backend reaches guest buffers, in words (from its sharing mechanism).</summary>
    public string Reach { get; }

    /// <summary>The hints for the device at <paramref name="devicePath"/> of <paramref name="transport"/>; null when it is not found.</summary>
    public static ExplainCostHints? For(TransportModel? transport, string devicePath)
    {
        if (transport is null) return null;
        foreach (var guest in transport.Guests)
        {
            var sharing = guest.Devices.Select(d => (d.Name, d.Sharing))
                .Concat(guest.Blk.Select(d => (d.Name, d.Sharing)))
                .Concat((guest.NetDevices ?? []).Select(d => (d.Name, d.Sharing)))
                .Where(d => devicePath == $"{guest.Name}/{d.Name}" || devicePath.EndsWith($"/{guest.Name}/{d.Name}", StringComparison.Ordinal))
                .Select(d => d.Sharing)
                .FirstOrDefault();
            if (sharing is null) continue;
            bool xen = guest.Platform == "xen";
            var entries = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["exits"] = xen ? "xen.ioreq.roundTrip" : sharing.Kick switch
                {
                    "ioeventfd" => "kvm.exit.mmioIoeventfd",
                    "fast-mmio" => "kvm.exit.fastMmio",
                    _ => "kvm.exit.mmioUser",
                },
                ["hypercalls"] = "xen.hypercall",
                ["grantMaps"] = "xen.grant.map",
                ["grantUnmaps"] = "xen.grant.unmap",
                ["grantCopies"] = "xen.grant.copy",
                ["flushIpis"] = "xen.tlbFlush.ipi",
                ["iommuRequests"] = "iommu.request",
                ["iommuFlushes"] = "iommu.flush",
                ["iotlbMisses"] = "iommu.iotlb.miss",
                ["bytesCopied"] = "cpu.memcpy",
                ["kick"] = xen ? "xen.evtchn.deliver" : "kvm.ioeventfd.deliver",
                ["interrupt"] = xen ? "xen.evtchn.deliver" : "kvm.irqfd.inject",
            };
            string reach = sharing.Mechanism switch
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
            return new ExplainCostHints(transport.Costs, entries, reach);
        }
        return null;
    }

    /// <summary>The cost (ps) and sources of <paramref name="operations"/> (counter name and how many); nulls when none is priced.</summary>
    public (long? Cost, string? Source) Price(IReadOnlyList<(string Counter, long Count)> operations)
    {
        long total = 0;
        var sources = new List<string>();
        foreach (var (counter, count) in operations)
        {
            if (count <= 0 || !entryOf.TryGetValue(counter, out string? name) || !profile.Has(name)) continue;
            var entry = profile[name];
            SimTime cost = counter == "bytesCopied" ? entry.ForBytes(count) : entry.PerOperation * count;
            total += cost.Picoseconds;
            string what = counter == "bytesCopied" ? $"{count} B" : $"{count} x {entry.PerOperation}";
            sources.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({what} = {cost}; {Cut(entry.Source)})"));
        }
        return sources.Count == 0 ? (null, null) : (total, $"{profile.Name}: {string.Join("; ", sources)}");
    }

    private static string Cut(string source) => source.Length <= 140 ? source : source[..139] + "…";
}
