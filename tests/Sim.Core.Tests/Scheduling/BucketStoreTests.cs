using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Scheduling;

/// <summary>The chunked buckets of the ladder queue: nothing is lost, duplicated or put in the wrong bucket.</summary>
public sealed class BucketStoreTests
{
    [Fact]
    public void Appends_scatters_and_drains_keep_every_key_in_its_bucket()
    {
        var rounds = Gen.ListOf(Gen.Zip(Gen.Choose(0, 200), Gen.Choose(1, 9))).Select(l => l.ToArray());
        var property = Prop.ForAll(rounds.ToArbitrary(), plan =>
        {
            var store = new BucketStore(keys: 4); // tiny, so it has to grow
            var source = new Bucket();
            var targets = new Bucket[16];
            int slot = 0;
            foreach (var (count, shift) in plan)
            {
                var expected = new List<int>[targets.Length];
                for (int b = 0; b < targets.Length; b++) expected[b] = new List<int>();
                for (int i = 0; i < count; i++)
                {
                    long time = 1000 + (long)((slot * 7919L) % (targets.Length << shift));
                    store.Append(ref source, new EventKey { Time = time, Slot = slot });
                    expected[(time - 1000) >> shift].Add(slot++);
                }
                if (source.Count != count) return false;
                store.Scatter(ref source, targets, 1000, shift);
                if (source.Count != 0) return false;
                for (int b = 0; b < targets.Length; b++)
                {
                    var drained = new EventKey[targets[b].Count];
                    store.Drain(ref targets[b], drained);
                    if (targets[b].Count != 0 || !drained.Select(k => k.Slot).Order().SequenceEqual(expected[b])) return false;
                }
            }
            return true;
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Time_range_spans_every_chunk()
    {
        var store = new BucketStore(keys: 4);
        var bucket = new Bucket();
        for (int i = 0; i < 100; i++) store.Append(ref bucket, new EventKey { Time = 500 + (i * 37) % 101 });
        Assert.Equal((500L, 600L), store.TimeRange(bucket));
    }
}
