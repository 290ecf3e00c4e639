using Sim.Core.Time;

namespace Sim.Hypervisors.Platform;

/// <summary>How a driver's request to make a buffer reachable ended.</summary>
public enum DmaMapStatus
{
    /// <summary>The buffer is reachable at <see cref="DmaBuffer.DmaAddress"/>.</summary>
    Mapped,

    /// <summary>
    /// A finite resource is used up right now (grant references, bounce-window slots, IOVA space): the driver may
    /// retry after buffers come back. Linux fails the DMA map; the request waits or fails.
    /// </summary>
    Exhausted,

    /// <summary>The buffer can never be mapped this way (too large for the window, outside guest memory).</summary>
    Refused,
}

/// <summary>The outcome of <see cref="IDriverPlatform.Map"/>: plain data, never an exception.</summary>
/// <param name="Status">Mapped, or why not.</param>
/// <param name="Buffer">The mapping (meaningful only when mapped).</param>
/// <param name="Cost">vCPU time the mapping took (grant entry writes, IOMMU MAP round trip, bounce copy), also when it failed.</param>
/// <param name="Problem">Why it failed, naming the numbers; empty when mapped.</param>
public readonly record struct DmaMapResult(DmaMapStatus Status, DmaBuffer Buffer, SimTime Cost, string Problem)
{
    /// <summary>Whether the buffer is mapped.</summary>
    public bool IsMapped => Status == DmaMapStatus.Mapped;
}

/// <summary>How taking a buffer back ended.</summary>
public enum DmaUnmapStatus
{
    /// <summary>The device can no longer reach the buffer (or, under lazy IOMMU invalidation, will not after the next flush).</summary>
    Unmapped,

    /// <summary>
    /// The backend still holds the buffer mapped, so the guest could not revoke it (Xen: the grant's GTF_reading or
    /// GTF_writing is still set; Linux then marks the device broken). A finding for the device.
    /// </summary>
    StillInUse,

    /// <summary>The mapping was unknown (a driver bug): nothing happened.</summary>
    NotMapped,
}

/// <summary>The outcome of <see cref="IDriverPlatform.Unmap"/>.</summary>
/// <param name="Status">Unmapped, or why not.</param>
/// <param name="Cost">vCPU time the unmap took (copy out of the window, grant revocation, IOMMU UNMAP and flush).</param>
/// <param name="Problem">Why it failed; empty when unmapped.</param>
public readonly record struct DmaUnmapResult(DmaUnmapStatus Status, SimTime Cost, string Problem);
