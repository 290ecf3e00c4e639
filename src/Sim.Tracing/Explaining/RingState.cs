using System.Buffers.Binary;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The bytes of one watched region rebuilt from its writes, with readers for the fields of its layout (virtio 1.2:
/// split descriptor table 2.7.5, available ring 2.7.6, used ring 2.7.8; packed descriptor 2.8.13 and event
/// suppression 2.8.14; Xen grant table v1 entries).
/// </summary>
internal sealed class RingState(ExplainedRegion region)
{
    private readonly byte[] bytes = new byte[region.Length];

    /// <summary>The region.</summary>
    public ExplainedRegion Region { get; } = region;

    /// <summary>Applies a write; returns the offset written.</summary>
    public int Apply(ulong address, ReadOnlySpan<byte> written)
    {
        int offset = (int)(address - Region.Start);
        written.CopyTo(bytes.AsSpan(offset));
        return offset;
    }

    /// <summary>The u16 at <paramref name="offset"/>.</summary>
    public ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));

    /// <summary>The u32 at <paramref name="offset"/>.</summary>
    public uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    /// <summary>The u64 at <paramref name="offset"/>.</summary>
    public ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));

    /// <summary>N: entries in the ring or table.</summary>
    public int Size => Region.QueueSize;

    /// <summary>Split rings: the <c>idx</c> field (offset 2) of an available or used ring.</summary>
    public ushort Idx => U16(2);

    /// <summary>Split rings: <c>used_event</c> at the end of the available ring, or <c>avail_event</c> at the end of the used ring.</summary>
    public ushort TrailingEvent => Region.Kind == "split-avail" ? U16(4 + 2 * Size) : U16(4 + 8 * Size);
}
