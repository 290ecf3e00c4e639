namespace Sim.Devices.Iommu;

/// <summary>What an IOMMU did: requests by status, device-access faults, stale accesses (the lazy-invalidation exposure), and flushes.</summary>
public sealed class IommuCounters
{
    private readonly long[] _byStatus = new long[IommuStatus.NoMem + 1];

    /// <summary>Requests executed.</summary>
    public long Requests { get; private set; }
    /// <summary>Device accesses refused because an IOVA page was unmapped, not permitted, or the endpoint not attached (faults, 5.13.6.8).</summary>
    public long Faults { get; private set; }
    /// <summary>Device accesses allowed only through a stale IOTLB entry: the page was already unmapped, its invalidation deferred.</summary>
    public long StaleAccesses { get; private set; }
    /// <summary>Bytes moved by <see cref="StaleAccesses"/>.</summary>
    public long StaleBytes { get; private set; }
    /// <summary>Deferred IOTLB flushes done (by batch or <see cref="IommuDevice.Flush"/>).</summary>
    public long Flushes { get; private set; }

    /// <summary>Requests that answered <paramref name="status"/>.</summary>
    public long WithStatus(byte status) => status < _byStatus.Length ? _byStatus[status] : 0;

    internal void Request(byte status)
    {
        Requests++;
        if (status < _byStatus.Length) _byStatus[status]++;
    }

    internal void Fault() => Faults++;

    internal void Stale(int bytes)
    {
        StaleAccesses++;
        StaleBytes += bytes;
    }

    internal void Flush() => Flushes++;
}
