using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Core.Randomness;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>
/// The data the virtio-blk driver writes (virtio 1.2, 5.2.6, VIRTIO_BLK_T_OUT) and so what a later read of those
/// sectors must return: 8-byte words derived from the request number, the sector and the word's place. Word <c>i</c>
/// (little-endian, at byte <c>8 i</c>) is <c>Mix(seed ^ ((sector + i / 64) &lt;&lt; 6 | i % 64))</c>, with
/// <c>seed = Mix(tag * Gamma)</c> (<see cref="SplitMix64"/>); trailing bytes short of a word are neither written nor
/// compared. Since a word's key holds its own sector, the pattern of a run of sectors is the patterns of its sectors one
/// after another: the driver writes and checks it a page at a time, through one scratch page per thread, instead of
/// through per-driver copies of the whole request (the per-VM buffers were what a thousand guests' caches could not hold).
/// </summary>
public static class BlkPattern
{
    /// <summary>8-byte pattern words in a sector.</summary>
    private const int WordsPerSector = BlkLayout.SectorSize / sizeof(ulong);

    /// <summary>Bytes written or checked per guest-memory access: a page (whole sectors), one access for a page-aligned 4 KiB buffer.</summary>
    private const int ChunkBytes = GuestMemory.PageSize;

    // One scratch page per thread (the worlds of a sweep run on several), shared by every driver on it: it stays in the
    // cache where a buffer per driver would not, and unlike a stackalloc it is not zeroed on every call. Every use
    // overwrites the part it reads, so nothing carries over from one use to the next.
    [ThreadStatic]
    private static byte[]? _scratch;

    /// <summary>
    /// Fills <paramref name="destination"/> with the pattern of write <paramref name="tag"/> starting at
    /// <paramref name="sector"/>; trailing bytes short of a word are left as they are.
    /// </summary>
    // Straight to optimised code: the tiers before it run this loop unvectorised and instrumented, which costs more than
    // the whole steady state in runs of a few seconds, and profile-guided tuning has nothing to add to it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong sector, long tag, Span<byte> destination)
    {
        ulong seed = Seed(tag);
        int words = destination.Length / sizeof(ulong);
        int done = 0;
        // This runs for every byte the workload writes and checks: four or eight words at a time it is several times
        // faster than one by one (eight where 512-bit vectors are fast, as with AVX-512: nearly twice four).
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated)
        {
            ref ulong target = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<byte, ulong>(destination[..(words * sizeof(ulong))]));
            if (Vector512.IsHardwareAccelerated)
                for (; done + 8 <= words; done += 8) EightWords(seed, sector, done).StoreUnsafe(ref target, (nuint)done);
            for (; done + 4 <= words; done += 4) FourWords(seed, sector, done).StoreUnsafe(ref target, (nuint)done);
        }
        for (; done < words; done++)
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(done * sizeof(ulong))..], Word(seed, sector, done));
    }

    /// <summary>
    /// The first byte of <paramref name="actual"/> that differs from the pattern of write <paramref name="tag"/> starting
    /// at <paramref name="sector"/> (what <see cref="Fill"/> would put there), or -1 if every whole word matches. The
    /// pattern is generated as it is compared, in registers: nothing is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FirstMismatch(ulong sector, long tag, ReadOnlySpan<byte> actual)
    {
        ulong seed = Seed(tag);
        int words = actual.Length / sizeof(ulong);
        int done = 0;
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated)
        {
            // Differences are gathered without a branch per block (a mismatch is a finding: rare); if there is one,
            // the word loop below looks again from the start and names the first differing byte.
            ref ulong seen = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<byte, ulong>(actual[..(words * sizeof(ulong))]));
            var wide = Vector512<ulong>.Zero;
            if (Vector512.IsHardwareAccelerated)
                for (; done + 8 <= words; done += 8) wide |= EightWords(seed, sector, done) ^ Vector512.LoadUnsafe(ref seen, (nuint)done);
            var narrow = Vector256<ulong>.Zero;
            for (; done + 4 <= words; done += 4) narrow |= FourWords(seed, sector, done) ^ Vector256.LoadUnsafe(ref seen, (nuint)done);
            if (wide != Vector512<ulong>.Zero || narrow != Vector256<ulong>.Zero) done = 0;
        }
        for (; done < words; done++)
        {
            ulong difference = BinaryPrimitives.ReadUInt64LittleEndian(actual[(done * sizeof(ulong))..]) ^ Word(seed, sector, done);
            // Little-endian: the lowest differing bit lies in the first differing byte.
            if (difference != 0) return done * sizeof(ulong) + BitOperations.TrailingZeroCount(difference) / 8;
        }
        return -1;
    }

    /// <summary>
    /// Writes the pattern of write <paramref name="tag"/> starting at <paramref name="sector"/>, <paramref name="length"/>
    /// bytes (whole sectors), into <paramref name="memory"/> at <paramref name="address"/>: the same bytes as
    /// <see cref="Fill"/> into a buffer of that length and one write of it.
    /// </summary>
    public static void Write(GuestMemory memory, ulong address, ulong sector, long tag, int length)
    {
        ArgumentNullException.ThrowIfNull(memory);
        CheckWholeSectors(length);
        Span<byte> chunk = _scratch ??= new byte[ChunkBytes];
        for (int offset = 0; offset < length; offset += ChunkBytes)
        {
            var part = chunk[..Math.Min(ChunkBytes, length - offset)];
            Fill(sector + (ulong)(offset / BlkLayout.SectorSize), tag, part);
            memory.Write(address + (ulong)offset, part);
        }
    }

    /// <summary>
    /// Compares <paramref name="length"/> bytes (whole sectors) of <paramref name="memory"/> at <paramref name="address"/>
    /// with the pattern of write <paramref name="tag"/> starting at <paramref name="sector"/>, a chunk at a time, and
    /// stops at the first difference: its offset, the byte found and the byte the pattern has there, or null when all
    /// match.
    /// </summary>
    public static BlkMismatch? Check(GuestMemory memory, ulong address, ulong sector, long tag, int length)
    {
        ArgumentNullException.ThrowIfNull(memory);
        CheckWholeSectors(length);
        Span<byte> chunk = _scratch ??= new byte[ChunkBytes];
        for (int offset = 0; offset < length; offset += ChunkBytes)
        {
            var part = chunk[..Math.Min(ChunkBytes, length - offset)];
            memory.Read(address + (ulong)offset, part);
            ulong first = sector + (ulong)(offset / BlkLayout.SectorSize);
            int at = FirstMismatch(first, tag, part);
            if (at < 0) continue;
            return new BlkMismatch(offset + at, part[at], ExpectedByte(first, tag, at));
        }
        return null;
    }

    /// <summary>The byte at <paramref name="offset"/> of the pattern of write <paramref name="tag"/> starting at <paramref name="sector"/>.</summary>
    public static byte ExpectedByte(ulong sector, long tag, int offset) =>
        (byte)(Word(Seed(tag), sector, offset / sizeof(ulong)) >> (8 * (offset % sizeof(ulong))));

    private static void CheckWholeSectors(int length)
    {
        if (length < 0 || length % BlkLayout.SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"a pattern spans whole {BlkLayout.SectorSize}-byte sectors");
    }

    private static ulong Seed(long tag) => SplitMix64.Mix((ulong)tag * SplitMix64.Gamma);

    private static ulong Word(ulong seed, ulong sector, int index) => SplitMix64.Mix(seed ^ PatternWord(sector, index));

    /// <summary>Words <paramref name="done"/> to <paramref name="done"/> + 3 (done a multiple of 4), as <see cref="Word"/> gives them one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> FourWords(ulong seed, ulong sector, int done)
    {
        // done is a multiple of 4, so the low two bits of its word are 0 and OR-ing in the lane equals XOR-ing it.
        var z = Vector256.Create(seed ^ PatternWord(sector, done)) ^ Vector256.Create(0UL, 1UL, 2UL, 3UL);
        z = (z ^ (z >> 30)) * Vector256.Create(SplitMix64.Multiplier1);
        z = (z ^ (z >> 27)) * Vector256.Create(SplitMix64.Multiplier2);
        return z ^ (z >> 31);
    }

    /// <summary>Words <paramref name="done"/> to <paramref name="done"/> + 7 (done a multiple of 8), as <see cref="Word"/> gives them one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> EightWords(ulong seed, ulong sector, int done)
    {
        // done is a multiple of 8, so the low three bits of its word are 0 and OR-ing in the lane equals XOR-ing it.
        var z = Vector512.Create(seed ^ PatternWord(sector, done)) ^ Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL);
        z = (z ^ (z >> 30)) * Vector512.Create(SplitMix64.Multiplier1);
        z = (z ^ (z >> 27)) * Vector512.Create(SplitMix64.Multiplier2);
        return z ^ (z >> 31);
    }

    /// <summary>The unmixed key of word <paramref name="index"/> of a pattern starting at <paramref name="sector"/>: its sector and place in it.</summary>
    private static ulong PatternWord(ulong sector, int index) =>
        (sector + (ulong)(index / WordsPerSector)) << 6 | (uint)(index % WordsPerSector);
}

/// <summary>The first byte a read returned that differs from what the write put there (<see cref="BlkPattern.Check"/>).</summary>
/// <param name="Offset">Its offset in the request's data.</param>
/// <param name="Found">The byte the read returned.</param>
/// <param name="Expected">The byte the write put there.</param>
public readonly record struct BlkMismatch(int Offset, byte Found, byte Expected);
