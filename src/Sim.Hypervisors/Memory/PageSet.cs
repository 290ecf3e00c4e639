namespace Sim.Hypervisors.Memory;

/// <summary>
/// A set of page numbers kept as bitmaps of 32,768 pages (128 MiB of address space) each, created on first use:
/// adding a page already present costs a shift and a mask, with no hashing and no allocation. Holds the pages an
/// accessor has reached (its exposure).
/// </summary>
internal sealed class PageSet
{
    private const int ChunkShift = 15;
    private const int WordsPerChunk = (1 << ChunkShift) / 64;

    private readonly Dictionary<ulong, ulong[]> _chunks = new();
    private ulong _lastChunk = ulong.MaxValue;
    private ulong[]? _lastBits;

    /// <summary>Pages in the set.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the set.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _lastChunk = ulong.MaxValue;
        _lastBits = null;
        Count = 0;
    }

    /// <summary>Adds <paramref name="page"/>.</summary>
    public void Add(ulong page)
    {
        ulong[] bits = Chunk(page >> ChunkShift, create: true)!;
        int offset = (int)(page & ((1UL << ChunkShift) - 1));
        ulong mask = 1UL << (offset & 63);
        ref ulong word = ref bits[offset >> 6];
        if ((word & mask) != 0) return;
        word |= mask;
        Count++;
    }

    /// <summary>Whether <paramref name="page"/> is in the set.</summary>
    public bool Contains(ulong page)
    {
        ulong[]? bits = Chunk(page >> ChunkShift, create: false);
        int offset = (int)(page & ((1UL << ChunkShift) - 1));
        return bits is not null && (bits[offset >> 6] & (1UL << (offset & 63))) != 0;
    }

    private ulong[]? Chunk(ulong chunk, bool create)
    {
        if (chunk == _lastChunk) return _lastBits;
        if (!_chunks.TryGetValue(chunk, out var bits))
        {
            if (!create) return null;
            _chunks.Add(chunk, bits = new ulong[WordsPerChunk]);
        }
        _lastChunk = chunk;
        _lastBits = bits;
        return bits;
    }
}
