using System.Numerics;

namespace Sim.Core.Scheduling;

/// <summary>
/// Sorts a bucket's worth of <see cref="EventKey"/>s into <see cref="EventOrder"/>. A bucket spans a power-of-two range
/// of times [start, start + 2^shift), so (time − start, sender key) packs into one 64-bit number that never decreases
/// along the event order; one counting-sort pass on its top bits (a most-significant-digit radix step, Knuth TAOCP
/// vol. 3, 5.2.5) leaves only small groups out of order, which insertion sort finishes. Equal projections cannot be
/// told apart by the pass, so a crowded group (say, many set-up events of the kernel, which all have sender key 0) is
/// sorted by comparison instead: never worse than O(n log n).
/// </summary>
internal sealed class EventKeySort
{
    /// <summary>Runs up to this length are sorted by insertion alone.</summary>
    private const int InsertionLimit = 16;
    private const int MaxDigitBits = 16;

    private int[] _counts = new int[1 << 8];
    private ushort[] _digits = new ushort[64];

    /// <summary>
    /// Sorts <paramref name="source"/> (keys with times in [<paramref name="start"/>, start + 2^<paramref name="shift"/>))
    /// into <paramref name="destination"/>, which has the same length. <paramref name="source"/> is left scrambled.
    /// </summary>
    public void Sort(Span<EventKey> source, Span<EventKey> destination, long start, int shift)
    {
        int n = source.Length;
        if (n <= InsertionLimit)
        {
            source.CopyTo(destination);
            InsertionSort(destination);
            return;
        }
        int bits = Math.Min(MaxDigitBits, BitOperations.Log2((uint)n) + 2);
        int bins = 1 << bits;
        if (_counts.Length < bins + 1) _counts = new int[bins + 1];
        if (_digits.Length < n) _digits = new ushort[Math.Max(n, _digits.Length * 2)];
        Span<int> counts = _counts.AsSpan(0, bins + 1);
        counts.Clear();
        Span<ushort> digits = _digits.AsSpan(0, n);
        int drop = 64 - bits;
        for (int i = 0; i < n; i++)
        {
            ref readonly EventKey key = ref source[i];
            ulong projection = shift == 0
                ? key.SenderKey
                : ((ulong)(key.Time - start) << (64 - shift)) | (key.SenderKey >> shift);
            int digit = (int)(projection >> drop);
            digits[i] = (ushort)digit;
            counts[digit + 1]++;
        }
        int largest = 0;
        for (int bin = 1; bin <= bins; bin++)
        {
            largest = Math.Max(largest, counts[bin]);
            counts[bin] += counts[bin - 1];
        }
        for (int i = 0; i < n; i++) destination[counts[digits[i]]++] = source[i];
        if (largest <= InsertionLimit)
        {
            InsertionSort(destination);
            return;
        }
        // counts[bin] is now the end of bin; sort each group by comparison (insertion for small ones).
        int begin = 0;
        for (int bin = 0; bin < bins; bin++)
        {
            int end = counts[bin];
            if (end - begin > InsertionLimit) destination[begin..end].Sort();
            else if (end - begin > 1) InsertionSort(destination[begin..end]);
            begin = end;
        }
    }

    /// <summary>Sorts a short or nearly sorted span in place.</summary>
    public static void InsertionSort(Span<EventKey> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            if (!EventKey.Precedes(keys[i], keys[i - 1])) continue;
            EventKey key = keys[i];
            int j = i - 1;
            do
            {
                keys[j + 1] = keys[j];
                j--;
            }
            while (j >= 0 && EventKey.Precedes(key, keys[j]));
            keys[j + 1] = key;
        }
    }
}
