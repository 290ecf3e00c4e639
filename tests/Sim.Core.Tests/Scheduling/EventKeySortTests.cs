using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Scheduling;

/// <summary>The bottom's linear-time sort against a plain comparison sort by <see cref="EventOrder"/>.</summary>
public sealed class EventKeySortTests
{
    /// <summary>A bucket to sort: its width (2^shift), where it starts, how many keys, how many senders, and a seed.</summary>
    public sealed record Bucket(int Shift, long Start, int Count, int Senders, bool ClusterTimes, int Seed);

    private static readonly Gen<Bucket> Buckets =
        from shift in Gen.Elements(0, 1, 3, 7, 12, 20, 40, 62, 63)
        from start in Gen.Elements(0L, 1L, 1_000_000L, long.MaxValue / 2)
        from count in Gen.Frequency((1, Gen.Choose(0, 20)), (3, Gen.Choose(17, 3000)))
        from senders in Gen.Elements(1, 2, 7, 1000)
        from cluster in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Bucket(shift, start, count, senders, cluster, seed);

    [Fact]
    public void Sorts_any_bucket_into_exactly_the_event_order()
    {
        var sorter = new EventKeySort();
        var property = Prop.ForAll(Buckets.ToArbitrary(), bucket =>
        {
            var random = new Random(bucket.Seed);
            var senders = Enumerable.Range(0, bucket.Senders).Select(_ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2)).ToArray();
            senders[0] = 0; // the kernel: every set-up event shares this key
            long width = bucket.Shift == 63 ? long.MaxValue - bucket.Start : Math.Min(1L << bucket.Shift, long.MaxValue - bucket.Start);
            var keys = new EventKey[bucket.Count];
            for (int i = 0; i < keys.Length; i++)
            {
                // Clustered times all fall in one counting-sort bin, which must then be sorted by comparison.
                long offset = bucket.ClusterTimes ? random.NextInt64(Math.Min(width, 3)) : random.NextInt64(width);
                keys[i] = new EventKey { Time = bucket.Start + offset, SenderKey = senders[random.Next(senders.Length)], Sequence = random.Next(50), Slot = i };
            }
            var expected = keys.ToArray();
            Array.Sort(expected, (a, b) => EventOrder.Compare(a.Time, a.SenderKey, a.Sequence, b.Time, b.SenderKey, b.Sequence));
            var actual = new EventKey[keys.Length];
            sorter.Sort(keys, actual, bucket.Start, bucket.Shift);
            // Keys can repeat here (the queue never holds two equal keys), so compare the keys, not the slots.
            return expected.Select(Key).SequenceEqual(actual.Select(Key)) &&
                   actual.Select(k => k.Slot).Order().SequenceEqual(Enumerable.Range(0, keys.Length));
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Insertion_sort_handles_empty_single_and_reversed_spans()
    {
        EventKeySort.InsertionSort(Span<EventKey>.Empty);
        var one = new[] { new EventKey { Time = 3 } };
        EventKeySort.InsertionSort(one);
        Assert.Equal(3, one[0].Time);
        var reversed = Enumerable.Range(0, 20).Reverse().Select(i => new EventKey { Time = i / 4, SenderKey = (ulong)(i % 4) }).ToArray();
        EventKeySort.InsertionSort(reversed);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => ((long)i / 4, (ulong)(i % 4))), reversed.Select(k => (k.Time, k.SenderKey)));
    }

    private static (long, ulong, long) Key(EventKey key) => (key.Time, key.SenderKey, key.Sequence);
}
