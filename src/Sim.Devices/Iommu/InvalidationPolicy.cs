namespace Sim.Devices.Iommu;

/// <summary>
/// When an UNMAP reaches the IOTLB (Linux <c>iommu.strict</c>, Documentation/admin-guide/kernel-parameters.txt). <see cref="Strict"/>:
/// every unmap invalidates its translations at once. <see cref="Lazy"/>: unmapped translations stay usable in the
/// IOTLB until <see cref="BatchCount"/> unmaps have accumulated or <see cref="IommuDevice.Flush"/> is called (Linux
/// flushes its deferred queue at about 250 entries or 10 ms); accesses through them in that window are counted as
/// stale, the exposure the lazy policy buys.
/// </summary>
public sealed record InvalidationPolicy
{
    private InvalidationPolicy(int batchCount) => BatchCount = batchCount;

    /// <summary>Invalidate on every unmap (<c>iommu.strict=1</c>).</summary>
    public static InvalidationPolicy Strict { get; } = new(0);

    /// <summary>Defer invalidation until <paramref name="batchCount"/> unmaps have accumulated (at least 1).</summary>
    public static InvalidationPolicy Lazy(int batchCount) => batchCount >= 1
        ? new InvalidationPolicy(batchCount)
        : throw new ArgumentOutOfRangeException(nameof(batchCount), $"a lazy IOTLB flush needs a batch of at least 1 unmap, was {batchCount}");

    /// <summary>Unmaps per deferred flush; 0 for <see cref="Strict"/>.</summary>
    public int BatchCount { get; }

    /// <summary>Whether unmaps invalidate at once.</summary>
    public bool IsStrict => BatchCount == 0;

    /// <inheritdoc />
    public override string ToString() => IsStrict ? "Strict" : $"Lazy({BatchCount})";
}
