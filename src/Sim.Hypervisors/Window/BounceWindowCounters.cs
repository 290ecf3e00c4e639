namespace Sim.Hypervisors.Window;

/// <summary>
/// What a <see cref="BounceWindow"/> has done: maps and unmaps, bytes bounced each way, slot occupancy and its peak,
/// and maps refused because no contiguous run was free. Every failure path of the window bumps one of these.
/// </summary>
public sealed class BounceWindowCounters
{
    /// <summary>Successful maps.</summary>
    public long Maps { get; internal set; }

    /// <summary>Successful unmaps.</summary>
    public long Unmaps { get; internal set; }

    /// <summary>Bytes copied from guest buffers into the window (at map time).</summary>
    public long BytesCopiedIn { get; internal set; }

    /// <summary>Bytes copied from the window back to guest buffers (at unmap time).</summary>
    public long BytesCopiedOut { get; internal set; }

    /// <summary>Slots held by live mappings now.</summary>
    public int SlotsInUse { get; internal set; }

    /// <summary>The most slots ever held at once.</summary>
    public int PeakSlotsInUse { get; internal set; }

    /// <summary>Maps refused with <see cref="WindowMapStatus.Exhausted"/>.</summary>
    public long Exhaustions { get; internal set; }

    /// <summary>Maps refused with <see cref="WindowMapStatus.TooLarge"/>.</summary>
    public long TooLarge { get; internal set; }

    /// <summary>Maps refused with <see cref="WindowMapStatus.BadBuffer"/>.</summary>
    public long BadBuffers { get; internal set; }

    /// <summary>Unmaps refused (<see cref="WindowUnmapStatus.NotMapped"/> or <see cref="WindowUnmapStatus.Mismatch"/>).</summary>
    public long BadUnmaps { get; internal set; }
}
