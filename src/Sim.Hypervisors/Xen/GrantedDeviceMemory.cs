using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// A backend's access path to a granting guest's memory under Xen grants: an access is allowed only when every page it
/// touches is covered by one of the grantee's live mappings (<see cref="GrantMapper.AccessTo"/>), and a write only
/// when a writable mapping covers it. Anything else is <see cref="AccessVerdict.Denied"/>, changes nothing, and is
/// recorded in the <see cref="AccessLog"/>: a backend touching a buffer it was not granted, or one already unmapped,
/// is caught. Addresses are the granter's guest-physical addresses (frame &lt;&lt; 12 + offset).
/// </summary>
public sealed class GrantedDeviceMemory : IDeviceMemory
{
    private readonly GrantMapper _mapper;
    private readonly ushort _grantee;
    private readonly AccessLog _log;
    private readonly AccessorTally _tally;

    /// <summary>The access path of <paramref name="accessor"/> in domain <paramref name="grantee"/>, through <paramref name="mapper"/>'s mappings.</summary>
    public GrantedDeviceMemory(GrantMapper mapper, ushort grantee, string accessor, AccessLog log)
    {
        _mapper = mapper;
        _grantee = grantee;
        _log = log;
        _tally = log.For(accessor);
    }

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = Check(address, (ulong)destination.Length, MappedAccess.Read);
        if (verdict == AccessVerdict.Allowed) _mapper.Table.Memory.Read(address, destination);
        _log.Record(_tally, MemoryAccessKind.Read, address, (uint)destination.Length, verdict);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = Check(address, (ulong)source.Length, MappedAccess.ReadWrite);
        if (verdict == AccessVerdict.Allowed) _mapper.Table.Memory.Write(address, source);
        _log.Record(_tally, MemoryAccessKind.Write, address, (uint)source.Length, verdict);
        return verdict;
    }

    private AccessVerdict Check(ulong address, ulong length, MappedAccess needed)
    {
        if (!_mapper.Table.Memory.Contains(address, length)) return AccessVerdict.OutOfRange;
        if (length == 0) return AccessVerdict.Allowed;
        ulong first = address >> GuestMemory.PageShift, last = (address + length - 1) >> GuestMemory.PageShift;
        for (ulong frame = first; frame <= last; frame++)
            if (_mapper.AccessTo(_grantee, frame) < needed) return AccessVerdict.Denied;
        return AccessVerdict.Allowed;
    }
}
