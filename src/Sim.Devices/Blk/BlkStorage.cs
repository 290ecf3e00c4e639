using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>
/// How long the backing store takes: a request costs its access latency plus its bytes at the bandwidth, separately
/// for reads and writes; a flush costs <see cref="Flush"/>.
/// </summary>
/// <param name="ReadAccess">Fixed part of a read (seek, command overhead).</param>
/// <param name="ReadBytesPerSecond">Read bandwidth.</param>
/// <param name="WriteAccess">Fixed part of a write (also DISCARD, WRITE_ZEROES, SECURE_ERASE).</param>
/// <param name="WriteBytesPerSecond">Write bandwidth (WRITE_ZEROES moves its zeroed bytes at it).</param>
/// <param name="Flush">A flush.</param>
/// <remarks>No default lives in code: scenarios take these figures from a cost profile, with their sources.</remarks>
public sealed record BlkStorageTiming(
    DelayDistribution ReadAccess, long ReadBytesPerSecond, DelayDistribution WriteAccess, long WriteBytesPerSecond, DelayDistribution Flush);

/// <summary>
/// The disk behind a virtio-blk device: a capacity in 512-byte sectors, a <see cref="BlkStorageTiming"/>, and, when
/// <see cref="KeepsContent"/>, the sectors' bytes in a sparse dictionary (sectors never written read as zeros), so data
/// written can be read back. Without content, writes are dropped and reads return zeros.
/// </summary>
public sealed class BlkStorage
{
    /// <summary>Sectors moved per device access (64 KiB).</summary>
    public const int StagingSectors = 128;

    private readonly Dictionary<ulong, byte[]> _sectors = new();
    private readonly byte[] _staging = new byte[StagingSectors * BlkLayout.SectorSize];

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
    public int StoredSectors => _sectors.Count;

    /// <summary>The time the store needs for <paramref name="request"/>, drawn from <paramref name="random"/>.</summary>
    public SimTime ServiceTime(BlkRequest request, ActorRandom random)
    {
        ArgumentNullException.ThrowIfNull(request);
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
    /// Carries out a parsed IN, OUT, DISCARD, WRITE_ZEROES or SECURE_ERASE: copies sectors from the store into the
    /// chain's writable data (IN) or from the chain's readable data into the store (OUT), or zeroes the ranges. Returns
    /// the data bytes written into the chain (IN: <see cref="BlkRequest.DataLength"/>; others 0), or -1 if the access
    /// path refused a buffer (the store is then unchanged for the sector being moved, earlier sectors stay written).
    /// </summary>
    public long Apply(BlkRequest request, DescriptorChain chain, IDeviceMemory memory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(chain);
        // Data moves in runs of up to StagingSectors sectors, one access per run, as a backend's preadv/pwritev into the
        // request's buffers would: how many accesses a request makes matters to mechanisms that map per access.
        switch (request.Type)
        {
            case BlkLayout.TypeIn:
                for (ulong i = 0; i < request.SectorCount;)
                {
                    int run = (int)Math.Min(StagingSectors, request.SectorCount - i);
                    Span<byte> bytes = _staging.AsSpan(0, run * BlkLayout.SectorSize);
                    for (int k = 0; k < run; k++) ReadSector(request.Sector + i + (ulong)k, bytes.Slice(k * BlkLayout.SectorSize, BlkLayout.SectorSize));
                    if (chain.Write(memory, request.DataOffset + (long)i * BlkLayout.SectorSize, bytes) != bytes.Length) return -1;
                    i += (ulong)run;
                }
                return request.DataLength;
            case BlkLayout.TypeOut:
                for (ulong i = 0; i < request.SectorCount;)
                {
                    int run = (int)Math.Min(StagingSectors, request.SectorCount - i);
                    Span<byte> bytes = _staging.AsSpan(0, run * BlkLayout.SectorSize);
                    if (chain.Read(memory, request.DataOffset + (long)i * BlkLayout.SectorSize, bytes) != bytes.Length) return -1;
                    for (int k = 0; k < run; k++) WriteSector(request.Sector + i + (ulong)k, bytes.Slice(k * BlkLayout.SectorSize, BlkLayout.SectorSize));
                    i += (ulong)run;
                }
                return 0;
            case BlkLayout.TypeDiscard:
            case BlkLayout.TypeWriteZeroes:
            case BlkLayout.TypeSecureErase:
                // Discarded and erased sectors read back as zeros: virtio allows any content after a discard (5.2.6.2).
                foreach (var range in request.Ranges)
                    for (ulong i = 0; i < range.SectorCount; i++) _sectors.Remove(range.Sector + i);
                return 0;
            default:
                return 0;
        }
    }

    /// <summary>Copies sector <paramref name="index"/> into <paramref name="destination"/> (512 bytes; zeros if never written).</summary>
    public void ReadSector(ulong index, Span<byte> destination)
    {
        CheckSector(index, destination.Length);
        if (_sectors.TryGetValue(index, out byte[]? bytes)) bytes.CopyTo(destination);
        else destination[..BlkLayout.SectorSize].Clear();
    }

    /// <summary>Stores <paramref name="source"/> (512 bytes) as sector <paramref name="index"/> (dropped unless <see cref="KeepsContent"/>).</summary>
    public void WriteSector(ulong index, ReadOnlySpan<byte> source)
    {
        CheckSector(index, source.Length);
        if (!KeepsContent) return;
        if (!source[..BlkLayout.SectorSize].ContainsAnyExcept((byte)0)) _sectors.Remove(index);
        else _sectors[index] = source[..BlkLayout.SectorSize].ToArray();
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
