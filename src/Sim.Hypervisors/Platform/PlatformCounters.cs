using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// The hypervisor operations one device's platform performed (kind <c>platform</c>): each count in total and per
/// completed request (<c>name</c> and <c>namePerRequest</c>), the figures architects compare across mechanisms.
/// Counted by the notification path and the sharing mechanism; plain fields so the hot path only increments.
/// </summary>
public sealed class PlatformCounters(string path) : Metric(path, "")
{
    /// <summary>The kind name of platform metrics in results.</summary>
    public const string PlatformKind = "platform";

    /// <summary>Requests the backend finished (the denominator of the per-request figures).</summary>
    public long Requests;
    /// <summary>vCPU exits to the hypervisor or VMM (MMIO/PIO traps, ioeventfd exits, IOREQ traps).</summary>
    public long Exits;
    /// <summary>Hypercalls (grant ops, event-channel sends, dm_op, MEM_SHARE), one per call however many ops it batches.</summary>
    public long Hypercalls;
    /// <summary>IOREQ round trips (a vCPU waiting for a device model's answer).</summary>
    public long IoreqRoundTrips;
    /// <summary>Event-channel sends.</summary>
    public long EventChannelSends;
    /// <summary>Interrupts injected into the guest (irqfd, event channel, dm_op).</summary>
    public long InterruptsInjected;
    /// <summary>Grant entries written by the guest (one per granted page).</summary>
    public long GrantsIssued;
    /// <summary>Grant entries revoked by the guest.</summary>
    public long GrantsRevoked;
    /// <summary>Grant map operations.</summary>
    public long GrantMaps;
    /// <summary>Grant unmap operations.</summary>
    public long GrantUnmaps;
    /// <summary>Grant copy operations (each within one page).</summary>
    public long GrantCopies;
    /// <summary>TLB-flush IPIs sent to other vCPUs of the backend domain.</summary>
    public long FlushIpis;
    /// <summary>Local TLB flushes.</summary>
    public long TlbFlushes;
    /// <summary>virtio-iommu requests the driver sent (ATTACH, MAP, UNMAP).</summary>
    public long IommuRequests;
    /// <summary>IOTLB flushes (invalidations propagated to the device).</summary>
    public long IommuFlushes;
    /// <summary>IOTLB hits of the device's translations.</summary>
    public long IotlbHits;
    /// <summary>IOTLB misses of the device's translations.</summary>
    public long IotlbMisses;
    /// <summary>Data copies made because of the mechanism (bounce, persistent pool, grant copy).</summary>
    public long Copies;
    /// <summary>Bytes those copies moved.</summary>
    public long BytesCopied;
    /// <summary>Times a buffer could not be mapped because a finite resource was used up (grant references, window slots, pool).</summary>
    public long Exhaustions;

    /// <summary>The names of the counts <see cref="Snapshot"/> returns, in its order (as in results).</summary>
    public static IReadOnlyList<string> SnapshotNames { get; } =
    [
        "requests", "exits", "hypercalls", "ioreqRoundTrips", "eventChannelSends", "interruptsInjected", "grantsIssued",
        "grantsRevoked", "grantMaps", "grantUnmaps", "grantCopies", "flushIpis", "tlbFlushes", "iommuRequests",
        "iommuFlushes", "iotlbHits", "iotlbMisses", "copies", "bytesCopied", "exhaustions",
    ];

    /// <summary>Every count now, in the order of <see cref="SnapshotNames"/> (for a step-by-step account of a run).</summary>
    public long[] Snapshot() =>
    [
        Requests, Exits, Hypercalls, IoreqRoundTrips, EventChannelSends, InterruptsInjected, GrantsIssued,
        GrantsRevoked, GrantMaps, GrantUnmaps, GrantCopies, FlushIpis, TlbFlushes, IommuRequests,
        IommuFlushes, IotlbHits, IotlbMisses, Copies, BytesCopied, Exhaustions,
    ];

    /// <inheritdoc />
    public override string Kind => PlatformKind;

    /// <inheritdoc />
    public override void Reset(SimTime now)
    {
        Requests = Exits = Hypercalls = IoreqRoundTrips = EventChannelSends = InterruptsInjected = 0;
        GrantsIssued = GrantsRevoked = GrantMaps = GrantUnmaps = GrantCopies = FlushIpis = TlbFlushes = 0;
        IommuRequests = IommuFlushes = IotlbHits = IotlbMisses = Copies = BytesCopied = Exhaustions = 0;
    }

    /// <inheritdoc />
    public override MetricSummary Summarize(SimTime now)
    {
        var values = new List<KeyValuePair<string, double>> { KeyValuePair.Create("requests", (double)Requests) };
        void Add(string name, long value)
        {
            values.Add(KeyValuePair.Create(name, (double)value));
            values.Add(KeyValuePair.Create(name + "PerRequest", Requests == 0 ? 0 : (double)value / Requests));
        }
        Add("exits", Exits);
        Add("hypercalls", Hypercalls);
        Add("ioreqRoundTrips", IoreqRoundTrips);
        Add("eventChannelSends", EventChannelSends);
        Add("interruptsInjected", InterruptsInjected);
        Add("grantsIssued", GrantsIssued);
        Add("grantsRevoked", GrantsRevoked);
        Add("grantMaps", GrantMaps);
        Add("grantUnmaps", GrantUnmaps);
        Add("grantCopies", GrantCopies);
        Add("flushIpis", FlushIpis);
        Add("tlbFlushes", TlbFlushes);
        Add("iommuRequests", IommuRequests);
        Add("iommuFlushes", IommuFlushes);
        Add("iotlbHits", IotlbHits);
        Add("iotlbMisses", IotlbMisses);
        Add("copies", Copies);
        Add("bytesCopied", BytesCopied);
        Add("exhaustions", Exhaustions);
        return new MetricSummary(Kind, Unit, values);
    }
}
