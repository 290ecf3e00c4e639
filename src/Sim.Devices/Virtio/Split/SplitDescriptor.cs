using System.Buffers.Binary;

namespace Sim.Devices.Virtio.Split;

/// <summary>
/// One split-ring descriptor, <c>struct vring_desc</c> (virtio 1.2, 2.7.5): addr u64 @0, len u32 @8, flags u16 @12,
/// next u16 @14, little-endian, 16 bytes. The same layout is used inside indirect tables (2.7.5.3).
/// </summary>
/// <param name="Address">Guest (DMA) address of the buffer, or of the indirect table.</param>
/// <param name="Length">Buffer length in bytes, or the indirect table's size in bytes.</param>
/// <param name="Flags">NEXT (1), WRITE (2), INDIRECT (4); see <see cref="SplitLayout"/>.</param>
/// <param name="Next">Index of the next descriptor when NEXT is set.</param>
public readonly record struct SplitDescriptor(ulong Address, uint Length, ushort Flags, ushort Next)
{
    /// <summary>VRING_DESC_F_NEXT is set: the chain continues at <see cref="Next"/>.</summary>
    public bool HasNext => (Flags & SplitLayout.FlagNext) != 0;

    /// <summary>VRING_DESC_F_WRITE is set: the buffer is device-writable.</summary>
    public bool IsDeviceWritable => (Flags & SplitLayout.FlagWrite) != 0;

    /// <summary>VRING_DESC_F_INDIRECT is set: the buffer is a table of descriptors.</summary>
    public bool IsIndirect => (Flags & SplitLayout.FlagIndirect) != 0;

    /// <summary>Decodes the 16 bytes of a descriptor.</summary>
    public static SplitDescriptor Decode(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[SplitLayout.DescAddr..]),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[SplitLayout.DescLen..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[SplitLayout.DescFlags..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[SplitLayout.DescNext..]));

    /// <summary>Encodes this descriptor into the first 16 bytes of <paramref name="bytes"/>.</summary>
    public void Encode(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[SplitLayout.DescAddr..], Address);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[SplitLayout.DescLen..], Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[SplitLayout.DescFlags..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[SplitLayout.DescNext..], Next);
    }

    /// <summary>Shows the descriptor as in a ring dump: <c>{addr=0x1000 len=64 flags=NEXT|WRITE next=3}</c>.</summary>
    public override string ToString()
    {
        string flags = Flags == 0 ? "0" : string.Join('|', FlagNames());
        return $"{{addr=0x{Address:x} len={Length} flags={flags} next={Next}}}";
    }

    private IEnumerable<string> FlagNames()
    {
        if (HasNext) yield return "NEXT";
        if (IsDeviceWritable) yield return "WRITE";
        if (IsIndirect) yield return "INDIRECT";
        ushort other = (ushort)(Flags & ~(SplitLayout.FlagNext | SplitLayout.FlagWrite | SplitLayout.FlagIndirect));
        if (other != 0) yield return $"0x{other:x}";
    }
}
