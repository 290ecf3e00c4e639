using System.Buffers.Binary;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The bytes of one watched region rebuilt from its writes, with readers for the fields of its layout (virtio 1.2:
/// split descriptor table 2.7.5, available ring 2.7.6, used ring 2.7.8; packed descriptor 2.8.13 and event
/// suppression 2.8.14; Xen grant table v1 entries). Where each field lies comes from the region kind's structure in
/// <see cref="LayoutCatalog"/>, not from numbers of its own.
/// </summary>
internal sealed class RingState(ExplainedRegion region)
{
    private readonly byte[] _bytes = new byte[region.Length];

    /// <summary>The region.</summary>
    public ExplainedRegion Region { get; } = region;

    /// <summary>
    /// The structure the region holds (for a ring or table, its <see cref="WireStruct.Entries"/> are the elements); null
    /// for a kind this build does not know (its writes are told as bytes).
    /// </summary>
    public WireStruct? Layout { get; } = region.Known is { } kind ? LayoutCatalog.Struct(kind) : null;

    /// <summary>Applies a write; returns the offset written.</summary>
    public int Apply(ulong address, ReadOnlySpan<byte> written)
    {
        int offset = (int)(address - Region.Start);
        written.CopyTo(_bytes.AsSpan(offset));
        return offset;
    }

    /// <summary>The region's bytes as the writes so far left them.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The u16 at <paramref name="offset"/>.</summary>
    public ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(offset));

    /// <summary>The u32 at <paramref name="offset"/>.</summary>
    public uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset));

    /// <summary>The u64 at <paramref name="offset"/>.</summary>
    public ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(offset));

    /// <summary>N: entries in the ring or table.</summary>
    public int Size => Region.QueueSize;

    /// <summary>Split rings: the <c>idx</c> field of an available or used ring.</summary>
    public ushort Idx => U16(Layout!.Field("idx").Offset);

    /// <summary>Split rings: the <c>flags</c> field of an available or used ring.</summary>
    public ushort RingFlags => U16(Layout!.Field("flags").Offset);

    /// <summary>Split rings: <c>used_event</c> at the end of the available ring, or <c>avail_event</c> at the end of the used ring.</summary>
    public ushort TrailingEvent => U16((int)Layout!.TrailerOffset(Size));

    /// <summary>The field <paramref name="name"/> of the entry (descriptor, used element, grant entry) at <paramref name="at"/>.</summary>
    public int EntryField(int at, string name) => at + Layout!.Entries!.Field(name).Offset;
}
