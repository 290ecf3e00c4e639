using System.Buffers.Binary;

namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// One packed descriptor, <c>struct pvirtq_desc</c> (virtio 1.2, 2.8): <c>addr</c> u64 @0, <c>len</c> u32 @8,
/// <c>id</c> u16 @12, <c>flags</c> u16 @14, little-endian, 16 bytes. The same slot is first an available descriptor
/// written by the driver and later a used descriptor written by the device; the AVAIL (bit 7) and USED (bit 15) flags
/// compared with a wrap counter tell which (2.8.1). Plain value: encoding and decoding never allocate.
/// </summary>
/// <param name="Address">Buffer (or indirect table) address; unused in a used descriptor.</param>
/// <param name="Length">Buffer length; in a used descriptor, the bytes the device wrote.</param>
/// <param name="Id">Buffer id (meaningful in a chain's last descriptor and in used descriptors; ignored in indirect tables).</param>
/// <param name="Flags">NEXT, WRITE, INDIRECT, AVAIL, USED.</param>
public readonly record struct PackedDescriptor(ulong Address, uint Length, ushort Id, ushort Flags)
{
    /// <summary>Whether the chain continues in the next ring slot (VRING_DESC_F_NEXT).</summary>
    public bool HasNext => (Flags & PackedLayout.FlagNext) != 0;

    /// <summary>Whether the buffer is device-writable (VRING_DESC_F_WRITE).</summary>
    public bool IsDeviceWritable => (Flags & PackedLayout.FlagWrite) != 0;

    /// <summary>Whether the buffer is an indirect table (VRING_DESC_F_INDIRECT).</summary>
    public bool IsIndirect => (Flags & PackedLayout.FlagIndirect) != 0;

    /// <summary>Decodes the 16 bytes of a descriptor.</summary>
    public static PackedDescriptor Decode(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[PackedLayout.DescAddr..]),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[PackedLayout.DescLen..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[PackedLayout.DescId..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[PackedLayout.DescFlags..]));

    /// <summary>Encodes the descriptor into the first 16 bytes of <paramref name="bytes"/>.</summary>
    public void Encode(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[PackedLayout.DescAddr..], Address);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[PackedLayout.DescLen..], Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[PackedLayout.DescId..], Id);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[PackedLayout.DescFlags..], Flags);
    }

    /// <summary>
    /// The AVAIL/USED bits a driver sets to make a descriptor available in the lap of <paramref name="wrapCounter"/>:
    /// AVAIL = the wrap counter, USED = its inverse (virtio 1.2, 2.8.1).
    /// </summary>
    public static ushort AvailableBits(bool wrapCounter) => wrapCounter ? PackedLayout.FlagAvail : PackedLayout.FlagUsed;

    /// <summary>The AVAIL/USED bits a device sets to mark a descriptor used: both equal to its wrap counter (2.8.1).</summary>
    public static ushort UsedBits(bool wrapCounter) =>
        wrapCounter ? (ushort)(PackedLayout.FlagAvail | PackedLayout.FlagUsed) : (ushort)0;

    /// <summary>Whether <paramref name="flags"/> mark an available descriptor for a device whose wrap counter is <paramref name="wrapCounter"/>.</summary>
    public static bool IsAvailable(ushort flags, bool wrapCounter) =>
        (flags & PackedLayout.FlagAvail) != 0 == wrapCounter && (flags & PackedLayout.FlagUsed) != 0 != wrapCounter;

    /// <summary>Whether <paramref name="flags"/> mark a used descriptor for a driver whose used wrap counter is <paramref name="wrapCounter"/>.</summary>
    public static bool IsUsed(ushort flags, bool wrapCounter) =>
        (flags & PackedLayout.FlagAvail) != 0 == wrapCounter && (flags & PackedLayout.FlagUsed) != 0 == wrapCounter;
}
