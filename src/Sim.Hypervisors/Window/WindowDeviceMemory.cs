using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Window;

/// <summary>
/// A device's access path when all it can reach is a <see cref="BounceWindow"/> (a <c>restricted-dma-pool</c>, or the
/// window a protected guest shares): an access wholly inside [<see cref="BounceWindow.Base"/>, +<see
/// cref="BounceWindow.Size"/>) reads or writes guest memory; anything reaching outside it is
/// <see cref="AccessVerdict.Denied"/> (or <see cref="AccessVerdict.OutOfRange"/> when not guest memory at all), changes
/// nothing, and is recorded in the <see cref="AccessLog"/>. The check is the window, not the live mappings: like the
/// hardware, the device can touch any slot of the pool, so its exposure is the window size by construction, and stale
/// bytes of an unmapped buffer in a free slot are reachable — what the window protects is the rest of the guest.
/// </summary>
public sealed class WindowDeviceMemory(BounceWindow window, string accessor, AccessLog log)
    : CheckedDeviceMemory(window.Memory, accessor, log)
{
    /// <inheritdoc />
    protected override AccessVerdict Check(ulong address, ulong length, MemoryAccessKind kind)
    {
        if (!Memory.Contains(address, length)) return AccessVerdict.OutOfRange;
        return window.Contains(address, length) ? AccessVerdict.Allowed : AccessVerdict.Denied;
    }
}
