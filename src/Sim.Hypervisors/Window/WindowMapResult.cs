namespace Sim.Hypervisors.Window;

/// <summary>How a request to map a buffer through a <see cref="BounceWindow"/> ended.</summary>
public enum WindowMapStatus
{
    /// <summary>The buffer was given slots and, for device-bound directions, copied into them.</summary>
    Mapped,

    /// <summary>
    /// The buffer needs more slots than one mapping may have (<see cref="BounceWindow.MaxSlotsPerMapping"/>, Linux
    /// <c>IO_TLB_SEGSIZE</c>) or than the whole window holds: it can never be mapped, however many slots are freed.
    /// </summary>
    TooLarge,

    /// <summary>
    /// No run of free contiguous slots is long enough right now (Linux logs "swiotlb buffer is full" and the map
    /// fails); it may succeed after other mappings are unmapped.
    /// </summary>
    Exhausted,

    /// <summary>
    /// The buffer itself is unusable: empty, outside the guest's memory, or overlapping the window (a guest does not
    /// bounce the bounce pool through itself).
    /// </summary>
    BadBuffer,
}

/// <summary>The outcome of <see cref="BounceWindow.TryMap"/>: a plain value, never an exception.</summary>
/// <param name="Status">Mapped, or why not.</param>
/// <param name="WindowAddress">The address the device must use for the buffer; 0 unless <see cref="WindowMapStatus.Mapped"/>.</param>
/// <param name="FirstSlot">Index of the first slot of the run; -1 unless mapped.</param>
/// <param name="Slots">Slots the buffer needs (set for <see cref="WindowMapStatus.TooLarge"/> and <see cref="WindowMapStatus.Exhausted"/> too).</param>
/// <param name="Reason">Why the map failed, naming the buffer and the numbers; empty when mapped.</param>
public readonly record struct WindowMapResult(WindowMapStatus Status, ulong WindowAddress, int FirstSlot, int Slots, string Reason)
{
    /// <summary>Whether the buffer was mapped.</summary>
    public bool IsMapped => Status == WindowMapStatus.Mapped;
}

/// <summary>How a request to unmap a buffer from a <see cref="BounceWindow"/> ended.</summary>
public enum WindowUnmapStatus
{
    /// <summary>Copied back as the direction asks, and the slots were freed.</summary>
    Unmapped,

    /// <summary>No live mapping starts at that window address (never mapped, or already unmapped): nothing happened.</summary>
    NotMapped,

    /// <summary>
    /// A mapping starts there but with another length or direction (Linux's DMA debug code reports this as a driver
    /// bug): nothing was copied and the mapping stays live.
    /// </summary>
    Mismatch,
}
