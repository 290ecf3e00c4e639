namespace Sim.Hypervisors.Memory;

/// <summary>
/// An access path that reaches guest memory at the address the device used, after a check that is the mechanism's
/// own (full mapping, mapped grants, the bounce window): an allowed access moves the bytes, a refused one changes
/// nothing, and every access is recorded in the <see cref="AccessLog"/> under the accessor's path. A mechanism that
/// translates addresses (an IOMMU) implements <see cref="IDeviceMemory"/> itself.
/// </summary>
public abstract class CheckedDeviceMemory : IDeviceMemory
{
    private readonly GuestMemory _memory;
    private readonly AccessLog _log;
    private readonly AccessorTally _tally;

    /// <summary>An access path to <paramref name="memory"/> for <paramref name="accessor"/>, recorded in <paramref name="log"/>.</summary>
    protected CheckedDeviceMemory(GuestMemory memory, string accessor, AccessLog log)
    {
        _memory = memory;
        _log = log;
        _tally = log.For(accessor);
    }

    /// <summary>The guest memory behind this path.</summary>
    protected GuestMemory Memory => _memory;

    /// <summary>Whether the access [<paramref name="address"/>, +<paramref name="length"/>) of <paramref name="kind"/> may happen.</summary>
    protected abstract AccessVerdict Check(ulong address, ulong length, MemoryAccessKind kind);

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = Check(address, (ulong)destination.Length, MemoryAccessKind.Read);
        if (verdict == AccessVerdict.Allowed) _memory.Read(address, destination);
        _log.Record(_tally, MemoryAccessKind.Read, address, (uint)destination.Length, verdict);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = Check(address, (ulong)source.Length, MemoryAccessKind.Write);
        if (verdict == AccessVerdict.Allowed) _memory.Write(address, source);
        _log.Record(_tally, MemoryAccessKind.Write, address, (uint)source.Length, verdict);
        return verdict;
    }
}
