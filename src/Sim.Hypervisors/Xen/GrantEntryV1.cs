using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// One v1 grant entry as it lies in the granting guest's memory (xen/include/public/grant_table.h,
/// <c>struct grant_entry_v1</c>), 8 bytes little-endian: <c>flags</c> u16 @0, <c>domid</c> u16 @2 (the domain allowed
/// to use the grant), <c>frame</c> u32 @4 (the granted guest frame number).
/// </summary>
/// <param name="Flags">Type and sub-flags.</param>
/// <param name="Domid">The grantee domain.</param>
/// <param name="Frame">The granted guest frame (address &gt;&gt; 12).</param>
public readonly record struct GrantEntryV1(GrantFlags Flags, ushort Domid, uint Frame)
{
    /// <summary>Bytes per entry.</summary>
    public const int Size = 8;
    /// <summary>Offset of <c>flags</c> (u16).</summary>
    public const int FlagsOffset = 0;
    /// <summary>Offset of <c>domid</c> (u16).</summary>
    public const int DomidOffset = 2;
    /// <summary>Offset of <c>frame</c> (u32).</summary>
    public const int FrameOffset = 4;
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
