using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>An unsorted bag of event keys: a chain of chunks in a <see cref="BucketStore"/>. The default value is empty.</summary>
internal struct Bucket
{
    /// <summary>First chunk of the chain (valid when <see cref="Count"/> &gt; 0).</summary>
    public int Head;
    /// <summary>Last chunk of the chain, the one appended to (valid when <see cref="Count"/> &gt; 0).</summary>
    public int Tail;
    /// <summary>Keys in the bucket.</summary>
    public int Count;
}

/// <summary>
/// Storage for the ladder queue's unsorted buckets: fixed-size chunks of <see cref="EventKey"/>s carved from one array,
/// each bucket a singly linked chain of chunks. Appending writes one key next to the previous one, and draining reads
/// whole chunks in address order, so a bucket costs a few cache lines however the buckets interleave. A bucket wastes at
/// most the unused part of its last chunk; with a rung making about one bucket per four events, that bounds the store
/// at about three times the keys it holds. Free chunks are recycled, so a steady run allocates nothing.
/// </summary>
internal sealed class BucketStore
{
    /// <summary>log2 of the keys per chunk: 8 keys, 256 bytes, four cache lines.</summary>
    public const int ChunkShift = 3;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private EventKey[] _keys;
    private int[] _next;
    private int[] _free;
    private int _freeCount;
    private int _chunksUsed;

    /// <summary>A store with room for <paramref name="keys"/> keys before it grows.</summary>
    public BucketStore(int keys)
    {
        int chunks = Math.Max(4, (keys >> ChunkShift) + 4);
        _keys = new EventKey[chunks << ChunkShift];
        _next = new int[chunks];
        _free = new int[chunks];
    }

    /// <summary>Adds <paramref name="key"/> to <paramref name="bucket"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ref Bucket bucket, in EventKey key)
    {
        int position = bucket.Count & ChunkMask;
        if (position == 0) LinkNewChunk(ref bucket);
        _keys[(bucket.Tail << ChunkShift) + position] = key;
        bucket.Count++;
    }

    /// <summary>Copies the keys of <paramref name="bucket"/> to <paramref name="destination"/> (any order) and empties it.</summary>
    public void Drain(ref Bucket bucket, Span<EventKey> destination)
    {
        int remaining = bucket.Count;
        int chunk = bucket.Head;
        int written = 0;
        while (remaining > 0)
        {
            int take = Math.Min(remaining, ChunkSize);
            _keys.AsSpan(chunk << ChunkShift, take).CopyTo(destination.Slice(written));
            written += take;
            remaining -= take;
            int next = _next[chunk];
            _free[_freeCount++] = chunk;
            chunk = next;
        }
        bucket = default;
    }

    /// <summary>The least and greatest time in a non-empty <paramref name="bucket"/>.</summary>
    public (long Min, long Max) TimeRange(in Bucket bucket)
    {
        long min = long.MaxValue, max = long.MinValue;
        int remaining = bucket.Count;
        for (int chunk = bucket.Head; remaining > 0; chunk = _next[chunk])
        {
            foreach (ref readonly EventKey key in _keys.AsSpan(chunk << ChunkShift, Math.Min(remaining, ChunkSize)))
            {
                min = Math.Min(min, key.Time);
                max = Math.Max(max, key.Time);
            }
            remaining -= ChunkSize;
        }
        return (min, max);
    }

    /// <summary>
    /// Moves every key of <paramref name="source"/> into <paramref name="targets"/>[(time − <paramref name="start"/>) &gt;&gt;
    /// <paramref name="shift"/>] and empties <paramref name="source"/>. Each source chunk is freed once read, so the
    /// move needs at most one chunk more than the keys occupy.
    /// </summary>
    public void Scatter(ref Bucket source, Bucket[] targets, long start, int shift)
    {
        int remaining = source.Count;
        int chunk = source.Head;
        source = default;
        while (remaining > 0)
        {
            int take = Math.Min(remaining, ChunkSize);
            int first = chunk << ChunkShift;
            for (int i = first; i < first + take; i++)
            {
                EventKey key = _keys[i]; // a copy: Append may grow (replace) the array
                Append(ref targets[(int)((ulong)(key.Time - start) >> shift)], key);
            }
            remaining -= take;
            int next = _next[chunk];
            _free[_freeCount++] = chunk;
            chunk = next;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LinkNewChunk(ref Bucket bucket)
    {
        int chunk;
        if (_freeCount > 0) chunk = _free[--_freeCount];
        else
        {
            if (_chunksUsed == _next.Length) Grow();
            chunk = _chunksUsed++;
        }
        if (bucket.Count == 0) bucket.Head = chunk;
        else _next[bucket.Tail] = chunk;
        bucket.Tail = chunk;
    }

    private void Grow()
    {
        int chunks = _next.Length * 2;
        Array.Resize(ref _keys, chunks << ChunkShift);
        Array.Resize(ref _next, chunks);
        Array.Resize(ref _free, chunks);
    }
}
