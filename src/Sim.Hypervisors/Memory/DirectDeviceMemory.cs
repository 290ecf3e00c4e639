namespace Sim.Hypervisors.Memory;

/// <summary>
/// Full mapping: the device or backend can reach all of the guest's memory (KVM's VMM or vhost-user with the whole
/// memory table, Xen dom0 foreign mapping). Every access is still range-checked and recorded in the
/// <see cref="AccessLog"/> under the accessor's path.
/// </summary>
public sealed class DirectDeviceMemory : IDeviceMemory
{
    private readonly GuestMemory _memory;
    private readonly AccessLog _log;
    private readonly AccessorTally _tally;

    /// <summary>Gives <paramref name="accessor"/> access to all of <paramref name="memory"/>, recorded in <paramref name="log"/>.</summary>
    public DirectDeviceMemory(GuestMemory memory, string accessor, AccessLog log)
    {
        _memory = memory;
        _log = log;
        _tally = log.For(accessor);
    }

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = _memory.Contains(address, (ulong)destination.Length) ? AccessVerdict.Allowed : AccessVerdict.OutOfRange;
        if (verdict == AccessVerdict.Allowed) _memory.Read(address, destination);
        _log.Record(_tally, MemoryAccessKind.Read, address, (uint)destination.Length, verdict);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = _memory.Contains(address, (ulong)source.Length) ? AccessVerdict.Allowed : AccessVerdict.OutOfRange;
        if (verdict == AccessVerdict.Allowed) _memory.Write(address, source);
        _log.Record(_tally, MemoryAccessKind.Write, address, (uint)source.Length, verdict);
        return verdict;
    }
}
