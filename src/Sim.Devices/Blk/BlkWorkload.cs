using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Core.Randomness;

namespace Sim.Devices.Blk;

/// <summary>
/// The I/O a virtio-blk driver issues (virtio 1.2, 5.2.6): requests of <see cref="RequestBytes"/> each, reads with
/// probability <see cref="ReadFraction"/> and writes otherwise, at uniformly random sectors aligned to the request size
/// within the first <see cref="SectorSpan"/> sectors. Closed loop with <see cref="QueueDepth"/> requests outstanding (a
/// completed request is replaced at once), or open loop when <see cref="Interarrival"/> is set (then
/// <see cref="QueueDepth"/> caps the requests in flight; an arrival beyond it is rejected and counted). The backing store
/// serves <see cref="StorageChannels"/> requests in parallel.
/// </summary>
public sealed record BlkWorkload
{
    /// <summary>8-byte pattern words in a sector.</summary>
    private const int WordsPerSector = BlkLayout.SectorSize / sizeof(ulong);

    /// <summary>A validated workload; every argument is checked and a bad one named.</summary>
    /// <param name="requestBytes">Data bytes per request: a positive multiple of 512.</param>
    /// <param name="readFraction">Share of reads, in [0, 1]; the rest are writes.</param>
    /// <param name="queueDepth">Requests in flight (closed loop), or the cap (open loop); at least 1.</param>
    /// <param name="sectorSpan">Sectors the requests are spread over, from sector 0; at least one request's worth.</param>
    /// <param name="storageChannels">Requests the backing store serves in parallel; at least 1.</param>
    /// <param name="interarrival">Gaps between requests for an open loop; null for a closed loop.</param>
    public BlkWorkload(int requestBytes, double readFraction, int queueDepth, ulong sectorSpan, int storageChannels = 1, DelayDistribution? interarrival = null)
    {
        if (requestBytes <= 0 || requestBytes % BlkLayout.SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(requestBytes), requestBytes, $"the request size must be a positive multiple of {BlkLayout.SectorSize} bytes");
        if (double.IsNaN(readFraction) || readFraction < 0 || readFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(readFraction), readFraction, "the read fraction must lie in [0, 1]");
        if (queueDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(queueDepth), queueDepth, "the queue depth must be at least 1");
        ulong sectorsPerRequest = (ulong)(requestBytes / BlkLayout.SectorSize);
        if (sectorSpan < sectorsPerRequest)
            throw new ArgumentOutOfRangeException(nameof(sectorSpan), sectorSpan, $"the sector span must hold at least one request of {sectorsPerRequest} sectors");
        if (storageChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(storageChannels), storageChannels, "the backing store needs at least 1 channel");
        RequestBytes = requestBytes;
        ReadFraction = readFraction;
        QueueDepth = queueDepth;
        SectorSpan = sectorSpan;
        StorageChannels = storageChannels;
        Interarrival = interarrival;
    }

    /// <summary>Data bytes per request (a multiple of 512).</summary>
    public int RequestBytes { get; }

    /// <summary>Share of reads (VIRTIO_BLK_T_IN); the rest are writes (VIRTIO_BLK_T_OUT).</summary>
    public double ReadFraction { get; }

    /// <summary>Requests in flight (closed loop), or the cap (open loop).</summary>
    public int QueueDepth { get; }

    /// <summary>Sectors the requests are spread over, starting at sector 0.</summary>
    public ulong SectorSpan { get; }

    /// <summary>Requests the backing store serves in parallel.</summary>
    public int StorageChannels { get; }

    /// <summary>Gaps between arrivals for an open loop; null for a closed loop.</summary>
    public DelayDistribution? Interarrival { get; }

    /// <summary>Sectors per request.</summary>
    public ulong SectorsPerRequest => (ulong)(RequestBytes / BlkLayout.SectorSize);

    /// <summary>Request-aligned positions in the span: a request starts at sector <c>k * SectorsPerRequest</c>, k below this.</summary>
    public ulong Positions => SectorSpan / SectorsPerRequest;

    /// <summary>
    /// The data a write of request <paramref name="tag"/> starting at <paramref name="sector"/> carries, and so what a later
    /// read of those sectors must return: 8-byte words derived from the request number, the sector and the word's place.
    /// Word <c>i</c> (little-endian, at byte <c>8 i</c>) is <c>Mix(seed ^ ((sector + i / 64) &lt;&lt; 6 | i % 64))</c>, with
    /// <c>seed = Mix(tag * Gamma)</c> (<see cref="SplitMix64"/>); trailing bytes short of a word are left as they are.
    /// </summary>
    // Straight to optimised code: the tiers before it run this loop unvectorised and instrumented, which costs more than
    // the whole steady state in runs of a few seconds, and profile-guided tuning has nothing to add to it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pattern(ulong sector, long tag, Span<byte> destination)
    {
        ulong seed = SplitMix64.Mix((ulong)tag * SplitMix64.Gamma);
        int words = destination.Length / sizeof(ulong);
        int done = 0;
        // The driver fills (and re-derives to verify) every request's data with this, so it runs for every byte the
        // workload moves: four words at a time it is several times faster than one by one.
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated)
        {
            Span<ulong> target = MemoryMarshal.Cast<byte, ulong>(destination[..(words * sizeof(ulong))]);
            var lanes = Vector256.Create(0UL, 1UL, 2UL, 3UL);
            for (; done + 4 <= words; done += 4)
            {
                // done is a multiple of 4, so the low two bits of its word are 0 and OR-ing in the lane equals XOR-ing it.
                var z = Vector256.Create(seed ^ PatternWord(sector, done)) ^ lanes;
                z = (z ^ (z >> 30)) * Vector256.Create(SplitMix64.Multiplier1);
                z = (z ^ (z >> 27)) * Vector256.Create(SplitMix64.Multiplier2);
                (z ^ (z >> 31)).StoreUnsafe(ref target[done]);
            }
        }
        for (; done < words; done++)
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(done * sizeof(ulong))..], SplitMix64.Mix(seed ^ PatternWord(sector, done)));
    }

    /// <summary>The unmixed key of word <paramref name="index"/> of a pattern starting at <paramref name="sector"/>: its sector and place in it.</summary>
    private static ulong PatternWord(ulong sector, int index) =>
        (sector + (ulong)(index / WordsPerSector)) << 6 | (uint)(index % WordsPerSector);
}
