namespace Sim.Layouts;

/// <summary>
/// One wire structure as a layout description gives it (src/Sim.Layouts/Wire/*.layout.json): a fixed part of
/// <see cref="Fields"/>, optionally followed by a ring of <see cref="Entries"/> (N entries from
/// <see cref="EntriesOffset"/>) and a <see cref="Trailer"/> after them. A split available ring (virtio 1.2, 2.7.6) is
/// fields flags and idx, entries of 2 bytes from offset 4, trailer used_event: 4 + 2·N + 2 bytes.
/// </summary>
/// <param name="Id">The structure's id (for a ring area, the wire name of its <see cref="RegionKind"/>).</param>
/// <param name="Size">Size of the fixed structure, or of the header when it has entries (0 when not given).</param>
/// <param name="Alignment">Required alignment of its first byte (1 when not given).</param>
/// <param name="Fields">Fields of the fixed part.</param>
/// <param name="EntriesOffset">Where entry 0 starts, or 0 when there are no entries.</param>
/// <param name="Entries">The entry structure, or null.</param>
/// <param name="Trailer">Fields after the last entry, their offsets counted from its end.</param>
public sealed record WireStruct(
    string Id, int Size, int Alignment, IReadOnlyList<WireField> Fields, int EntriesOffset, WireStruct? Entries,
    IReadOnlyList<WireField> Trailer)
{
    /// <summary>The field called <paramref name="name"/> of the fixed part, then of the trailer.</summary>
    public WireField Field(string name) =>
        Fields.Concat(Trailer).FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"structure {Id} has no field {name}");

    /// <summary>Bytes of the trailer.</summary>
    public int TrailerBytes => Trailer.Count == 0 ? 0 : Trailer.Max(f => f.Offset + f.Width);

    /// <summary>Bytes of one entry (0 when there are none).</summary>
    public int EntrySize => Entries?.Size ?? 0;

    /// <summary>Offset of entry <paramref name="index"/>.</summary>
    public long EntryOffset(long index) => EntriesOffset + EntrySize * index;

    /// <summary>Offset of the trailer of a ring of <paramref name="count"/> entries (e.g. used_event: 4 + 2·N).</summary>
    public long TrailerOffset(long count) => EntryOffset(count);

    /// <summary>Bytes of the structure with <paramref name="count"/> entries: header + entry·N + trailer, or the fixed size.</summary>
    public long Bytes(long count) => Entries is null ? Size : TrailerOffset(count) + TrailerBytes;

    /// <summary>How many entries a structure of <paramref name="bytes"/> holds (the inverse of <see cref="Bytes"/>).</summary>
    public long EntriesIn(long bytes) => Entries is null || EntrySize == 0 ? 0 : (bytes - EntriesOffset - TrailerBytes) / EntrySize;
}
