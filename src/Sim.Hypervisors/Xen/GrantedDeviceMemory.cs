using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// A backend's access path to a granting guest's memory under Xen grants: an access is allowed only when every page it
/// touches is covered by one of the grantee's live mappings (<see cref="GrantMapper.AccessTo"/>), and a write only
/// when a writable mapping covers it. Anything else is <see cref="AccessVerdict.Denied"/>, changes nothing, and is
/// recorded in the <see cref="AccessLog"/>: a backend touching a buffer it was not granted, or one already unmapped,
/// is caught. Addresses are the granter's guest-physical addresses (frame &lt;&lt; 12 + offset).
/// </summary>
public sealed class GrantedDeviceMemory(GrantMapper mapper, ushort grantee, string accessor, AccessLog log)
    : CheckedDeviceMemory(mapper.Table.Memory, accessor, log)
{
    /// <inheritdoc />
    protected override AccessVerdict Check(ulong address, ulong length, MemoryAccessKind kind)
    {
        if (!Memory.Contains(address, length)) return AccessVerdict.OutOfRange;
        if (length == 0) return AccessVerdict.Allowed;
        var needed = kind == MemoryAccessKind.Write ? MappedAccess.ReadWrite : MappedAccess.Read;
        ulong first = address >> GuestMemory.PageShift, last = (address + length - 1) >> GuestMemory.PageShift;
        for (ulong frame = first; frame <= last; frame++)
            if (mapper.AccessTo(grantee, frame) < needed) return AccessVerdict.Denied;
        return AccessVerdict.Allowed;
    }
}
