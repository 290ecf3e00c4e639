using System.Numerics;
using System.Runtime.InteropServices;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>
/// How long the backing store takes: a request costs its access time plus its bytes at the bandwidth, separately for
/// reads and writes; a flush costs <see cref="Flush"/>. Where that time goes depends on the store: a RAM-backed disk
/// (<see cref="CpuBound"/>: brd, null_blk memory_backed, a file in the page cache) has no device, so its access and its
/// copy are the backend thread's own work; a device serves requests on its own, their access times overlapping (up to
/// the workload's channels) while their transfers share the one bandwidth.
/// </summary>
/// <param name="ReadAccess">Fixed part of a read (block layer and driver work, or a device's seek and command overhead).</param>
/// <param name="ReadBytesPerSecond">Read bandwidth.</param>
/// <param name="WriteAccess">Fixed part of a write (also DISCARD, WRITE_ZEROES, SECURE_ERASE).</param>
/// <param name="WriteBytesPerSecond">Write bandwidth (WRITE_ZEROES moves its zeroed bytes at it).</param>
/// <param name="Flush">A flush.</param>
/// <param name="CpuBound">Whether the store is memory the backend copies itself (its time is the backend thread's).</param>
/// <remarks>No default lives in code: scenarios take these figures from a cost profile, with their sources.</remarks>
public sealed record BlkStorageTiming(
    DelayDistribution ReadAccess, long ReadBytesPerSecond, DelayDistribution WriteAccess, long WriteBytesPerSecond, DelayDistribution Flush,
    bool CpuBound = false);

/// <summary>
/// The disk behind a virtio-blk device: a capacity in 512-byte sectors, a <see cref="BlkStorageTiming"/>, and, when
/// <see cref="KeepsContent"/>, the sectors' bytes, kept sparsely in 4 KiB blocks of 8 sectors (sectors never written,
/// or last written with zeros, read as zeros), so data written can be read back. Without content, writes are dropped
/// and reads return zeros.
/// </summary>
public sealed class BlkStorage
{
    /// <summary>Sectors moved per device access (64 KiB).</summary>
    public const int StagingSectors = 128;

    // Content lives in blocks of 8 sectors (one guest page) rather than one array per sector: a 4 KiB request then costs
    // one lookup and one copy instead of eight (none at all for a read of a whole stored block), and rewriting a stored
    // sector reuses its bytes instead of allocating. The price: a lone 512-byte write holds a whole 4 KiB block.
    private const int BlockShift = 3;
    private const int SectorsPerBlock = 1 << BlockShift;
    private const int BlockBytes = SectorsPerBlock * BlkLayout.SectorSize;

    /// <summary>Eight sectors' bytes and which of them hold data (bit k: sector k is not all zeros).</summary>
    private sealed class Block
    {
        public readonly byte[] Bytes = new byte[BlockBytes];
        public int Stored;
    }

    private readonly Dictionary<ulong, Block> _blocks = new();
    // Allocated on first use and grown to the longest run seen (at most StagingSectors): a disk of 4 KiB requests holds
    // 4 KiB here, not 64 KiB, and one whose reads all hit stored blocks holds none.
    private byte[] _staging = [];
    private int _storedSectors;

    /// <summary>A disk of <paramref name="capacitySectors"/> sectors.</summary>
    public BlkStorage(ulong capacitySectors, BlkStorageTiming timing, bool keepsContent = true)
    {
        ArgumentNullException.ThrowIfNull(timing);
        if (timing.ReadBytesPerSecond <= 0 || timing.WriteBytesPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(timing), timing, "storage bandwidths must be positive");
        CapacitySectors = capacitySectors;
        Timing = timing;
        KeepsContent = keepsContent;
    }

    /// <summary>Capacity in 512-byte sectors (config <c>capacity</c>).</summary>
    public ulong CapacitySectors { get; }

    /// <summary>The latency model.</summary>
    public BlkStorageTiming Timing { get; }

    /// <summary>Whether written sectors are kept and read back.</summary>
    public bool KeepsContent { get; }

    /// <summary>Sectors holding data (not all zeros).</summary>
    public int StoredSectors => _storedSectors;

    /// <summary>The time the store needs for <paramref name="request"/>, drawn from <paramref name="random"/>.</summary>
    public SimTime ServiceTime(BlkRequest request, ActorRandom random)
    {
        return request.Type switch
        {
            BlkLayout.TypeIn => Timing.ReadAccess.Sample(random) + SimTime.ForBytesAtRate(request.DataLength, Timing.ReadBytesPerSecond),
            BlkLayout.TypeOut => Timing.WriteAccess.Sample(random) + SimTime.ForBytesAtRate(request.DataLength, Timing.WriteBytesPerSecond),
            BlkLayout.TypeFlush => Timing.Flush.Sample(random),
            BlkLayout.TypeWriteZeroes => Timing.WriteAccess.Sample(random)
                + SimTime.ForBytesAtRate(checked((long)SectorsIn(request) * BlkLayout.SectorSize), Timing.WriteBytesPerSecond),
            BlkLayout.TypeDiscard or BlkLayout.TypeSecureErase => Timing.WriteAccess.Sample(random),
            _ => SimTime.Zero,
        };
    }

    /// <summary>
    /// The part of <paramref name="request"/>'s <see cref="ServiceTime"/> that moves its bytes at the bandwidth (the rest
    /// is its access time): deterministic, so a caller can split a sampled service time into access and transfer.
    /// </summary>
    public SimTime TransferTime(BlkRequest request) => request.Type switch
    {
        BlkLayout.TypeIn => SimTime.ForBytesAtRate(request.DataLength, Timing.ReadBytesPerSecond),
        BlkLayout.TypeOut => SimTime.ForBytesAtRate(request.DataLength, Timing.WriteBytesPerSecond),
        BlkLayout.TypeWriteZeroes => SimTime.ForBytesAtRate(checked((long)SectorsIn(request) * BlkLayout.SectorSize), Timing.WriteBytesPerSecond),
        _ => SimTime.Zero,
    };

    /// <summary>
    /// Carries out a parsed IN, OUT, DISCARD, WRITE_ZEROES or SECURE_ERASE: copies sectors from the store into the
    /// chain's writable data (IN) or from the chain's readable data into the store (OUT), or zeroes the ranges. Returns
    /// the data bytes written into the chain (IN: <see cref="BlkRequest.DataLength"/>; others 0), or -1 if the access
    /// path refused a buffer (the store is then unchanged for the sector being moved, earlier sectors stay written).
    /// </summary>
    public long Apply(BlkRequest request, DescriptorChain chain, IDeviceMemory memory)
    {
        ArgumentNullException.ThrowIfNull(chain);
        // Data moves in runs of up to StagingSectors sectors, one access per run, as a backend's preadv/pwritev into the
        // request's buffers would: how many accesses a request makes matters to mechanisms that map per access.
        switch (request.Type)
        {
            case BlkLayout.TypeIn:
                for (ulong i = 0; i < request.SectorCount;)
                {
                    int run = (int)Math.Min(StagingSectors, request.SectorCount - i);
                    ReadOnlySpan<byte> bytes = ReadRun(request.Sector + i, run);
                    if (chain.Write(memory, request.DataOffset + (long)i * BlkLayout.SectorSize, bytes) != bytes.Length) return -1;
                    i += (ulong)run;
                }
                return request.DataLength;
            case BlkLayout.TypeOut:
                for (ulong i = 0; i < request.SectorCount;)
                {
                    int run = (int)Math.Min(StagingSectors, request.SectorCount - i);
                    Span<byte> bytes = Staging(run);
                    CheckRun(request.Sector + i, run);
                    if (chain.Read(memory, request.DataOffset + (long)i * BlkLayout.SectorSize, bytes) != bytes.Length) return -1;
                    StoreRun(request.Sector + i, bytes);
                    i += (ulong)run;
                }
                return 0;
            case BlkLayout.TypeDiscard:
            case BlkLayout.TypeWriteZeroes:
            case BlkLayout.TypeSecureErase:
                // Discarded and erased sectors read back as zeros: virtio allows any content after a discard (5.2.6.2).
                foreach (var range in request.Ranges)
                    for (ulong i = 0; i < range.SectorCount; i++) Clear(range.Sector + i);
                return 0;
            default:
                return 0;
        }
    }

    /// <summary>Copies sector <paramref name="index"/> into <paramref name="destination"/> (512 bytes; zeros if never written).</summary>
    public void ReadSector(ulong index, Span<byte> destination)
    {
        CheckSector(index, destination.Length);
        ReadBlockPart(index, 1, destination[..BlkLayout.SectorSize]);
    }

    /// <summary>Stores <paramref name="source"/> (512 bytes) as sector <paramref name="index"/> (dropped unless <see cref="KeepsContent"/>).</summary>
    public void WriteSector(ulong index, ReadOnlySpan<byte> source)
    {
        CheckSector(index, source.Length);
        StoreBlockPart(index, source[..BlkLayout.SectorSize]);
    }

    /// <summary>
    /// The bytes of <paramref name="count"/> sectors from <paramref name="first"/>: the stored block itself when the run
    /// lies in one block whose sectors all hold data (no copy), otherwise assembled in the staging buffer.
    /// </summary>
    private ReadOnlySpan<byte> ReadRun(ulong first, int count)
    {
        CheckRun(first, count);
        int inBlock = (int)(first & (SectorsPerBlock - 1));
        if (inBlock + count <= SectorsPerBlock && _blocks.TryGetValue(first >> BlockShift, out var only) && AllStored(only, inBlock, count))
            return only.Bytes.AsSpan(inBlock * BlkLayout.SectorSize, count * BlkLayout.SectorSize);
        Span<byte> staging = Staging(count);
        for (int k = 0; k < count;)
        {
            int n = Math.Min(count - k, SectorsPerBlock - (int)((first + (ulong)k) & (SectorsPerBlock - 1)));
            ReadBlockPart(first + (ulong)k, n, staging.Slice(k * BlkLayout.SectorSize, n * BlkLayout.SectorSize));
            k += n;
        }
        return staging;
    }

    /// <summary>The staging buffer's first <paramref name="sectors"/> sectors, the buffer grown to hold them if it is shorter.</summary>
    private Span<byte> Staging(int sectors)
    {
        int bytes = sectors * BlkLayout.SectorSize;
        if (_staging.Length < bytes) _staging = new byte[bytes];
        return _staging.AsSpan(0, bytes);
    }

    /// <summary>Copies <paramref name="count"/> sectors from <paramref name="first"/>, all in one block, into <paramref name="destination"/>.</summary>
    private void ReadBlockPart(ulong first, int count, Span<byte> destination)
    {
        int inBlock = (int)(first & (SectorsPerBlock - 1));
        if (!_blocks.TryGetValue(first >> BlockShift, out var block))
        {
            destination.Clear();
            return;
        }
        if (AllStored(block, inBlock, count))
        {
            block.Bytes.AsSpan(inBlock * BlkLayout.SectorSize, count * BlkLayout.SectorSize).CopyTo(destination);
            return;
        }
        for (int k = 0; k < count; k++)
        {
            var sector = destination.Slice(k * BlkLayout.SectorSize, BlkLayout.SectorSize);
            if ((block.Stored & (1 << (inBlock + k))) != 0) block.Bytes.AsSpan((inBlock + k) * BlkLayout.SectorSize, BlkLayout.SectorSize).CopyTo(sector);
            else sector.Clear();
        }
    }

    /// <summary>Keeps <paramref name="source"/> (whole sectors) as the sectors from <paramref name="first"/> on, a block at a time.</summary>
    private void StoreRun(ulong first, ReadOnlySpan<byte> source)
    {
        while (source.Length > 0)
        {
            int inBlock = (int)(first & (SectorsPerBlock - 1));
            int n = Math.Min(source.Length / BlkLayout.SectorSize, SectorsPerBlock - inBlock);
            StoreBlockPart(first, source[..(n * BlkLayout.SectorSize)]);
            first += (ulong)n;
            source = source[(n * BlkLayout.SectorSize)..];
        }
    }

    /// <summary>Keeps <paramref name="source"/> (whole sectors, all in one block) from sector <paramref name="first"/>; all-zero sectors are forgotten.</summary>
    private void StoreBlockPart(ulong first, ReadOnlySpan<byte> source)
    {
        if (!KeepsContent) return;
        int inBlock = (int)(first & (SectorsPerBlock - 1));
        int count = source.Length / BlkLayout.SectorSize;
        int data = 0;   // bit k: sector k of the block holds data after this write
        for (int k = 0; k < count; k++)
            if (source.Slice(k * BlkLayout.SectorSize, BlkLayout.SectorSize).ContainsAnyExcept((byte)0)) data |= 1 << (inBlock + k);
        int written = ((1 << count) - 1) << inBlock;
        if (data != written)
            for (int k = 0; k < count; k++)
                if ((data & (1 << (inBlock + k))) == 0) Clear(first + (ulong)k);
        if (data == 0) return;
        ref Block? block = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, first >> BlockShift, out _);
        block ??= new Block();
        // Zero sectors may be copied too: their bits stay clear, so they read as zeros whatever the block holds.
        source.CopyTo(block.Bytes.AsSpan(inBlock * BlkLayout.SectorSize));
        _storedSectors += BitOperations.PopCount((uint)(data & ~block.Stored));
        block.Stored |= data;
    }

    /// <summary>Forgets sector <paramref name="index"/> (it reads as zeros); a block left without data is dropped.</summary>
    private void Clear(ulong index)
    {
        if (!_blocks.TryGetValue(index >> BlockShift, out var block)) return;
        int bit = 1 << (int)(index & (SectorsPerBlock - 1));
        if ((block.Stored & bit) == 0) return;
        block.Stored &= ~bit;
        _storedSectors--;
        if (block.Stored == 0) _blocks.Remove(index >> BlockShift);
    }

    private static bool AllStored(Block block, int inBlock, int count)
    {
        int mask = ((1 << count) - 1) << inBlock;
        return (block.Stored & mask) == mask;
    }

    private void CheckRun(ulong first, int count)
    {
        if (first >= CapacitySectors || (ulong)count > CapacitySectors - first)
            throw new ArgumentOutOfRangeException(nameof(first), first, $"sectors [{first}, +{count}) reach beyond the capacity of {CapacitySectors} sectors");
    }

    private void CheckSector(ulong index, int length)
    {
        if (index >= CapacitySectors)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"sector beyond the capacity of {CapacitySectors} sectors");
        if (length < BlkLayout.SectorSize)
            throw new ArgumentException($"a sector buffer needs {BlkLayout.SectorSize} bytes, got {length}");
    }

    private static ulong SectorsIn(BlkRequest request)
    {
        ulong total = 0;
        foreach (var range in request.Ranges) total += range.SectorCount;
        return total;
    }
}
