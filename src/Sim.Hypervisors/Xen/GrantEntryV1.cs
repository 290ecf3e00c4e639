using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// One v1 grant entry as it lies in the granting guest's memory (xen/include/public/grant_table.h,
/// <c>struct grant_entry_v1</c>), 8 bytes little-endian: <c>flags</c> u16 @0, <c>domid</c> u16 @2 (the domain allowed
/// to use the grant), <c>frame</c> u32 @4 (the granted guest frame number). The offsets, and <see cref="GrantFlags"/>,
/// are generated from src/Sim.Layouts/Wire/grant-table.layout.json.
/// </summary>
/// <param name="Flags">Type and sub-flags.</param>
/// <param name="Domid">The grantee domain.</param>
/// <param name="Frame">The granted guest frame (address &gt;&gt; 12).</param>
public readonly partial record struct GrantEntryV1(GrantFlags Flags, ushort Domid, uint Frame)
{
    /// <summary>Entries per 4 KiB grant-table frame (4096 / 8).</summary>
    public const int EntriesPerFrame = GuestMemory.PageSize / Size;

    /// <summary>The entry type (<see cref="GrantFlags.TypeMask"/> bits).</summary>
    public GrantFlags Type => Flags & GrantFlags.TypeMask;

    /// <summary>Reads the entry at <paramref name="address"/> of <paramref name="memory"/>.</summary>
    public static GrantEntryV1 Read(GuestMemory memory, ulong address) => new(
        (GrantFlags)memory.ReadUInt16(address + FlagsOffset),
        memory.ReadUInt16(address + DomidOffset),
        memory.ReadUInt32(address + FrameOffset));

    /// <inheritdoc />
    public override string ToString() => $"{{flags 0x{(ushort)Flags:x} ({Flags}), domid {Domid}, frame 0x{Frame:x}}}";
}
