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
public sealed class WindowDeviceMemory : IDeviceMemory
{
    private readonly BounceWindow _window;
    private readonly AccessLog _log;
    private readonly AccessorTally _tally;

    /// <summary>The access path of <paramref name="accessor"/> through <paramref name="window"/>, recorded in <paramref name="log"/>.</summary>
    public WindowDeviceMemory(BounceWindow window, string accessor, AccessLog log)
    {
        _window = window;
        _log = log;
        _tally = log.For(accessor);
    }

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = Check(address, (ulong)destination.Length);
        if (verdict == AccessVerdict.Allowed) _window.Memory.Read(address, destination);
        _log.Record(_tally, MemoryAccessKind.Read, address, (uint)destination.Length, verdict);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = Check(address, (ulong)source.Length);
        if (verdict == AccessVerdict.Allowed) _window.Memory.Write(address, source);
        _log.Record(_tally, MemoryAccessKind.Write, address, (uint)source.Length, verdict);
        return verdict;
    }

    private AccessVerdict Check(ulong address, ulong length)
    {
        if (!_window.Memory.Contains(address, length)) return AccessVerdict.OutOfRange;
        return _window.Contains(address, length) ? AccessVerdict.Allowed : AccessVerdict.Denied;
    }
}
