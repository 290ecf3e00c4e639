using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sim.Core.Statistics;

/// <summary>
/// A distribution of non-negative integers in bounded memory, with log-linear buckets after HdrHistogram
/// (Gil Tene, "HdrHistogram: A High Dynamic Range Histogram", hdrhistogram.org), with k = <see cref="SubBucketBits"/> = 7:
/// <list type="bullet">
/// <item>values below 2^(k+1) = 256 each have their own bucket, so they are exact;</item>
/// <item>above, each power-of-two octave [2^n, 2^(n+1)) is split into 2^k = 128 equal sub-buckets of width 2^(n-k).</item>
/// </list>
/// A bucket reports its midpoint (lower bound + half the width), which is within <see cref="RelativeError"/> = 2^-(k+1)
/// of any value in the bucket: the distance is at most 2^(n-k-1) and every value is at least 2^n.
/// Count, sum, mean, min and max are kept exactly, beside the buckets.
/// Buckets are held per octave, each octave's 128 counts (1 KB) created when a value first falls in it: an empty
/// histogram holds nothing, and one whose values span a few octaves holds only those (a latency histogram of
/// microsecond to millisecond values in picoseconds: about 11 KB, where an array up to the highest octave took 21.5 KB;
/// issue 21). The whole <see cref="long"/> range takes 57 KB.
/// Not thread safe.
/// </summary>
public sealed class LogLinearHistogram
{
    /// <summary>k: each octave is split into 2^k sub-buckets.</summary>
    public const int SubBucketBits = 7;

    /// <summary>The number of sub-buckets per octave, 2^<see cref="SubBucketBits"/>.</summary>
    public const int SubBucketCount = 1 << SubBucketBits;

    /// <summary>
    /// The largest relative distance, 2^-(k+1) = 1/256, between a value a bucket reports and any value recorded in it;
    /// so <see cref="ValueAtPercentile"/> is within this fraction of the exact percentile of the recorded values.
    /// </summary>
    public const double RelativeError = 1.0 / (2 * SubBucketCount);

    private long[]?[] _octaves = [];
    private int _heldOctaves;
    private long _count;
    private Int128 _sum;
    private double _sumOfSquares;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    /// <summary>The number of values recorded.</summary>
    public long Count => _count;

    /// <summary>The exact sum of the values recorded.</summary>
    public Int128 Sum => _sum;

    /// <summary>The exact smallest value recorded; 0 when empty.</summary>
    public long Min => _count == 0 ? 0 : _min;

    /// <summary>The exact largest value recorded; 0 when empty.</summary>
    public long Max => _count == 0 ? 0 : _max;

    /// <summary>The exact mean of the values recorded (the exact sum over the count) rounded once to the nearest double; 0 when empty.</summary>
    public double Mean => _count == 0 ? 0 : RoundedDivision.Quotient(_sum, _count);

    /// <summary>
    /// The population standard deviation of the values recorded, from the exact sum and a double sum of squares
    /// (both merged by addition); 0 when empty, and exactly 0 when every value is the same (the smallest equals the
    /// largest), where the double sum of squares would leave a rounding residue of picoseconds on microseconds.
    /// </summary>
    public double StandardDeviation
    {
        get
        {
            if (_count == 0 || _min == _max) return 0;
            double mean = Mean;
            double variance = _sumOfSquares / _count - mean * mean;
            return variance > 0 ? Math.Sqrt(variance) : 0;
        }
    }

    /// <summary>The number of bucket counts currently held (128 per octave a value has fallen in).</summary>
    internal int BucketCapacity => _heldOctaves << SubBucketBits;

    /// <summary>Records one value. Allocation-free once the value's octave has been seen.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long value)
    {
        if (value < 0) ThrowNegative(value);
        int index = BucketIndex(value);
        Octave(index)[index & (SubBucketCount - 1)]++;
        _count++;
        _sum += value;
        _sumOfSquares += (double)value * value;
        if (value < _min) _min = value;
        if (value > _max) _max = value;
    }

    /// <summary>Records <paramref name="count"/> occurrences of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> or <paramref name="count"/> is negative.</exception>
    public void RecordCount(long value, long count)
    {
        if (value < 0) ThrowNegative(value);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "a histogram cannot record a negative number of values");
        if (count == 0) return;
        int index = BucketIndex(value);
        ref long bucket = ref Octave(index)[index & (SubBucketCount - 1)];
        bucket = checked(bucket + count);
        _count = checked(_count + count);
        _sum += (Int128)value * count;
        _sumOfSquares += (double)value * value * count;
        if (value < _min) _min = value;
        if (value > _max) _max = value;
    }

    /// <summary>
    /// The nearest-rank <paramref name="percent"/>-th percentile: the reported value of the first bucket at which at least
    /// <paramref name="percent"/>% of the values have been counted, i.e. the bucket holding the value of rank
    /// ⌈percent/100 × Count⌉ (at least 1) in sorted order; see <see cref="NearestRank"/>. The result is clamped into
    /// [<see cref="Min"/>, <see cref="Max"/>], so 0 gives the exact minimum and 100 the exact maximum; 0 when empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not in [0, 100].</exception>
    public long ValueAtPercentile(double percent)
    {
        if (!(percent >= 0 && percent <= 100))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is between 0 and 100");
        if (_count == 0) return 0;
        long rank = NearestRank(percent, _count);
        if (rank <= 1) return _min;
        if (rank >= _count) return _max;
        long seen = 0;
        for (int octave = 0; octave < _octaves.Length; octave++)
        {
            if (_octaves[octave] is not { } counts) continue;
            for (int sub = 0; sub < SubBucketCount; sub++)
            {
                seen += counts[sub];
                if (seen >= rank) return Math.Clamp(BucketValue((octave << SubBucketBits) + sub), _min, _max);
            }
        }
        return _max;
    }

    /// <summary>
    /// The 1-based rank, in sorted order, of the nearest-rank <paramref name="percent"/>-th percentile of
    /// <paramref name="count"/> values: ⌈percent/100 × count⌉, at least 1. Computed in decimal so that, e.g., 99.9% of
    /// 1000 is rank 999 and not 1000 as binary floating point would give.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not in [0, 100] or <paramref name="count"/> is not positive.</exception>
    public static long NearestRank(double percent, long count)
    {
        if (!(percent >= 0 && percent <= 100))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is between 0 and 100");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        long rank = (long)decimal.Ceiling((decimal)percent * count / 100m);
        return Math.Clamp(rank, 1, count);
    }

    /// <summary>Forgets every value recorded; keeps the octaves held, so recording again does not allocate.</summary>
    public void Clear()
    {
        foreach (long[]? counts in _octaves)
            if (counts is not null) Array.Clear(counts);
        _count = 0;
        _sum = 0;
        _sumOfSquares = 0;
        _min = long.MaxValue;
        _max = long.MinValue;
    }

    /// <summary>Adds every value recorded in <paramref name="other"/> to this histogram, as if recorded here.</summary>
    public void Merge(LogLinearHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._count == 0) return;
        for (int octave = 0; octave < other._octaves.Length; octave++)
        {
            if (other._octaves[octave] is not { } source) continue;
            long[] counts = Octave(octave << SubBucketBits);
            for (int sub = 0; sub < SubBucketCount; sub++)
                if (source[sub] != 0) counts[sub] = checked(counts[sub] + source[sub]);
        }
        _count = checked(_count + other._count);
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
        if (other._min < _min) _min = other._min;
        if (other._max > _max) _max = other._max;
    }

    /// <summary>
    /// The bucket of <paramref name="value"/> (non-negative): with shift = max(0, ⌊log2 value⌋ - k), the index is
    /// shift × 2^k + (value &gt;&gt; shift). For values below 2^(k+1) the shift is 0 and the index is the value itself;
    /// above, the top k+1 bits of the value select the bucket. No division, no branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int BucketIndex(long value)
    {
        int shift = BitOperations.Log2((ulong)value | SubBucketCount) - SubBucketBits;
        return (shift << SubBucketBits) + (int)(value >> shift);
    }

    /// <summary>The value bucket <paramref name="index"/> reports: its lower bound plus half its width.</summary>
    internal static long BucketValue(int index)
    {
        int shift = Math.Max(0, (index >> SubBucketBits) - 1);
        long lowest = (long)(index - (shift << SubBucketBits)) << shift;
        return lowest + ((1L << shift) >> 1);
    }

    /// <summary>The counts of the octave holding bucket <paramref name="index"/>, created on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long[] Octave(int index)
    {
        int octave = index >> SubBucketBits;
        long[]?[] octaves = _octaves;
        return (uint)octave < (uint)octaves.Length && octaves[octave] is { } counts ? counts : AddOctave(octave);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long[] AddOctave(int octave)
    {
        if (octave >= _octaves.Length) Array.Resize(ref _octaves, octave + 1);
        _heldOctaves++;
        return _octaves[octave] = new long[SubBucketCount];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegative(long value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "a histogram records non-negative values only");
}
