using Sim.Core.Randomness;
using Sim.Core.Statistics;

namespace Sim.Core.Tests.Statistics;

/// <summary>Bucketing, exact statistics, percentiles, merge and clear of <see cref="LogLinearHistogram"/>.</summary>
public sealed class LogLinearHistogramTests
{
    [Fact]
    public void Relative_error_is_one_in_256_for_seven_sub_bucket_bits()
    {
        Assert.Equal(7, LogLinearHistogram.SubBucketBits);
        Assert.Equal(1.0 / 256, LogLinearHistogram.RelativeError);
    }

    [Fact]
    public void Equal_values_have_a_standard_deviation_of_exactly_zero()
    {
        // 105.2 us in picoseconds, 700 times: the double sum of squares (7.7e18) less count x mean^2 leaves +180 ps^2 of
        // rounding, 13 ps of deviation, unless equal values are recognised.
        const long value = 105_200_001;
        var histogram = new LogLinearHistogram();
        for (int i = 0; i < 700; i++) histogram.Record(value);
        Assert.Equal(0.0, histogram.StandardDeviation);

        var merged = new LogLinearHistogram();
        merged.RecordCount(value, 350);
        var other = new LogLinearHistogram();
        other.RecordCount(value, 350);
        merged.Merge(other);
        Assert.Equal(0.0, merged.StandardDeviation);

        // One value a microsecond away: the deviation is the two-point one, sqrt(700 x 1) / 701 us.
        merged.Record(value + 1_000_000);
        Assert.Equal(Math.Sqrt(700.0) / 701 * 1_000_000, merged.StandardDeviation, 1e-6 * 1_000_000);
    }

    [Fact]
    public void Values_below_256_have_their_own_bucket_and_are_reported_exactly()
    {
        for (long value = 0; value < 256; value++)
        {
            Assert.Equal(value, LogLinearHistogram.BucketIndex(value));
            Assert.Equal(value, LogLinearHistogram.BucketValue(LogLinearHistogram.BucketIndex(value)));
        }

        var histogram = new LogLinearHistogram();
        for (long value = 0; value < 256; value++) histogram.Record(value);
        for (int rank = 1; rank <= 256; rank++)
        {
            double percent = rank * 100.0 / 256; // exactly representable: rank x 25 / 64
            Assert.Equal(rank - 1, histogram.ValueAtPercentile(percent));
        }
    }

    [Fact]
    public void Every_value_is_reported_within_the_relative_error_at_octave_edges_and_at_random()
    {
        var random = new ActorRandom(7);
        var values = new List<long> { 0, 1, 255, 256, 257, long.MaxValue - 1, long.MaxValue };
        for (int octave = 8; octave < 63; octave++)
        {
            long low = 1L << octave;
            values.AddRange([low, low + 1, low + (low >> 8) - 1, low + (low >> 8), (low - 1) + low]);
            for (int i = 0; i < 50; i++) values.Add(low + (long)random.NextUInt64((ulong)low));
        }

        foreach (long value in values)
        {
            long reported = LogLinearHistogram.BucketValue(LogLinearHistogram.BucketIndex(value));
            Assert.True(Math.Abs((double)reported - value) <= value * LogLinearHistogram.RelativeError,
                $"value {value} is reported as {reported}");
        }
    }

    [Fact]
    public void Bucket_indices_never_decrease_as_values_grow_and_stay_in_the_largest_array()
    {
        int previous = -1;
        for (int octave = 0; octave < 63; octave++)
        {
            long low = 1L << octave;
            foreach (long value in new[] { low, low + (low >> 1), low - 1 + low })
            {
                int index = LogLinearHistogram.BucketIndex(value);
                Assert.True(index >= previous, $"value {value} has bucket {index}, below {previous}");
                previous = index;
            }
        }
        Assert.Equal(57 * LogLinearHistogram.SubBucketCount - 1, LogLinearHistogram.BucketIndex(long.MaxValue));
    }

    [Fact]
    public void Buckets_are_held_only_for_the_octaves_values_fell_in()
    {
        var histogram = new LogLinearHistogram();
        Assert.Equal(0, histogram.BucketCapacity);

        histogram.Record(5);
        Assert.Equal(128, histogram.BucketCapacity);
        histogram.Record(200);
        Assert.Equal(256, histogram.BucketCapacity);
        histogram.Record(1000); // octave [512, 1024): shift 2, bucket octave 3; octave 2 ([256, 512)) is never created
        Assert.Equal(384, histogram.BucketCapacity);
        histogram.Record(3);
        Assert.Equal(384, histogram.BucketCapacity);
        histogram.Record(long.MaxValue);
        Assert.Equal(4 * 128, histogram.BucketCapacity);
        histogram.Record(10_000_000); // 10 us in picoseconds
        histogram.Record(10_000_000_000); // 10 ms
        Assert.Equal(6 * 128, histogram.BucketCapacity);
    }

    [Fact]
    public void An_empty_histogram_reports_zero_for_everything()
    {
        var histogram = new LogLinearHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0.0, histogram.Mean);
        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Mean_does_not_overflow_and_is_rounded_once()
    {
        var huge = new LogLinearHistogram();
        huge.Record(long.MaxValue);
        huge.Record(long.MaxValue);
        huge.Record(long.MaxValue - 2);
        Assert.Equal((Int128)long.MaxValue * 3 - 2, huge.Sum);
        Assert.Equal((double)long.MaxValue, huge.Mean);

        // Sum 37691158727614239866 over 518 values: the exact mean 72762854686513976.575... lies between the doubles
        // ...968 and ...984, and its integer part is exactly halfway between them, so rounding the integer part first
        // and then adding the fraction gives ...968; the nearest double is ...984.
        var halfway = new LogLinearHistogram();
        halfway.RecordCount(72762854686513976, 517);
        halfway.Record(72762854686514274);
        Assert.Equal(Int128.Parse("37691158727614239866"), halfway.Sum);
        Assert.Equal(72762854686513984.0, halfway.Mean);

        var small = new LogLinearHistogram();
        small.Record(1);
        small.Record(2);
        small.Record(2);
        Assert.Equal(5.0 / 3, small.Mean);
    }

    [Fact]
    public void Percent_zero_is_the_exact_minimum_and_percent_100_the_exact_maximum()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(1_000_001); // a bucket of width 8192 around it
        histogram.Record(5_000_003);
        histogram.Record(987_654_321_987);

        Assert.Equal(1_000_001, histogram.ValueAtPercentile(0));
        Assert.Equal(987_654_321_987, histogram.ValueAtPercentile(100));
        Assert.Equal(987_654_321_987, histogram.Max);
        Assert.Equal(1_000_001, histogram.Min);
    }

    [Fact]
    public void Percentiles_are_clamped_into_the_recorded_range()
    {
        var histogram = new LogLinearHistogram();
        histogram.RecordCount(1_000_001, 10); // the bucket [999_424, 1_007_616) reports 1_003_520

        Assert.Equal(1_000_001, histogram.ValueAtPercentile(50));
    }

    [Fact]
    public void Nearest_rank_is_the_ceiling_of_percent_of_count_and_at_least_one()
    {
        Assert.Equal(999, LogLinearHistogram.NearestRank(99.9, 1000)); // 99.9 / 100 * 1000 is 999.0000000000001 in double
        Assert.Equal(1, LogLinearHistogram.NearestRank(0, 10));
        Assert.Equal(1, LogLinearHistogram.NearestRank(10, 10));
        Assert.Equal(2, LogLinearHistogram.NearestRank(10.5, 10));
        Assert.Equal(10, LogLinearHistogram.NearestRank(100, 10));
        Assert.Equal(1, LogLinearHistogram.NearestRank(50, 1));
    }

    [Fact]
    public void Record_count_equals_recording_one_at_a_time()
    {
        var batched = new LogLinearHistogram();
        var single = new LogLinearHistogram();
        foreach (var (value, count) in new (long, long)[] { (0, 3), (77, 10), (123_456_789, 4), (long.MaxValue, 2), (9, 0) })
        {
            batched.RecordCount(value, count);
            for (long i = 0; i < count; i++) single.Record(value);
        }

        Assert.Null(LogLinearHistogramPropertyTests.SameStatistics(batched, single));
    }

    [Fact]
    public void Merging_into_or_from_an_empty_histogram_and_merging_with_itself()
    {
        var values = new LogLinearHistogram();
        values.Record(3);
        values.Record(40_000);
        var empty = new LogLinearHistogram();

        empty.Merge(values);
        Assert.Null(LogLinearHistogramPropertyTests.SameStatistics(empty, values));

        values.Merge(new LogLinearHistogram());
        Assert.Equal(2, values.Count);

        values.Merge(values);
        var twice = new LogLinearHistogram();
        twice.RecordCount(3, 2);
        twice.RecordCount(40_000, 2);
        Assert.Null(LogLinearHistogramPropertyTests.SameStatistics(values, twice));
    }

    [Fact]
    public void Clear_forgets_the_values_but_keeps_the_buckets()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(1_000_000);
        histogram.Record(7);
        int capacity = histogram.BucketCapacity;

        histogram.Clear();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Sum);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(capacity, histogram.BucketCapacity);
        histogram.Record(12);
        Assert.Equal(12, histogram.Min);
        Assert.Equal(12, histogram.Max);
        Assert.Equal(12, histogram.ValueAtPercentile(99));
    }

    [Fact]
    public void Negative_values_counts_and_percents_out_of_range_are_rejected()
    {
        var histogram = new LogLinearHistogram();

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.RecordCount(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.RecordCount(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtPercentile(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtPercentile(100.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtPercentile(double.NaN));
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void Record_allocates_nothing_once_warmed_up()
    {
        var random = new ActorRandom(42);
        var values = new long[100_000];
        for (int i = 0; i < values.Length; i++) values[i] = (long)(random.NextUInt64() >> 1) >> random.Next(63);
        values[0] = long.MaxValue; // the warm-up reaches the top octave
        var histogram = new LogLinearHistogram();
        foreach (long value in values) histogram.Record(value);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < values.Length; i++) histogram.Record(values[i]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(200_000, histogram.Count);
    }
}
