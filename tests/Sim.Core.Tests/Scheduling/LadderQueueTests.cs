using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Scheduling;

/// <summary>
/// The event queue (a ladder queue of keys over a payload slab) against a sorted model, under time distributions
/// chosen to break bucket-based queues: ties, bursts, gaps as wide as the time range, nested clusters that need every
/// rung, monotone times, events at the current time, and long runs of interleaved pushes and pops.
/// </summary>
public sealed class LadderQueueTests
{
    public enum Shape
    {
        /// <summary>Every event at the current time (from time 0).</summary>
        SameTime,
        /// <summary>Delays of 0 to 3 ps: ties everywhere.</summary>
        Tiny,
        /// <summary>Mostly at the current time, now and then a jump of up to 1,000 ps.</summary>
        Bursts,
        /// <summary>Exponential delays with mean 1,000 ps (the hold model).</summary>
        Exponential,
        /// <summary>Half near the current time, half anywhere up to <see cref="long.MaxValue"/> / 2.</summary>
        HugeGaps,
        /// <summary>Each event after the previously pushed one.</summary>
        Monotone,
        /// <summary>Most events in a cluster 2^40 ps away, a few near the current time.</summary>
        FarCluster,
        /// <summary>Clusters inside clusters at ten scales from 2^60 ps down: deeper than the ladder has rungs.</summary>
        Nested,
        /// <summary>A mix of 0 ps, <see cref="long.MaxValue"/> / 2 and <see cref="long.MaxValue"/> itself.</summary>
        Extremes,
    }

    /// <summary>One scenario: a shape, how many events to push first, how many mixed operations after, and a seed.</summary>
    public sealed record Scenario(Shape Shape, int Fill, int Mixed, int PushPercent, int Seed);

    private static readonly Gen<Scenario> Scenarios =
        from shape in Gen.Elements(Enum.GetValues<Shape>())
        from fill in Gen.Frequency((1, Gen.Choose(0, 40)), (3, Gen.Choose(100, 3000)))
        from mixed in Gen.Choose(0, 3000)
        from pushPercent in Gen.Elements(30, 50, 70)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Scenario(shape, fill, mixed, pushPercent, seed);

    [Fact]
    public void Delivers_in_exactly_the_event_order_for_adversarial_time_distributions()
    {
        var property = Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            string? failure = Run(scenario);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Theory]
    [InlineData(Shape.SameTime)]
    [InlineData(Shape.FarCluster)]
    [InlineData(Shape.Nested)]
    [InlineData(Shape.Extremes)]
    public void Large_runs_of_each_shape_deliver_in_order(Shape shape) =>
        Assert.Null(Run(new Scenario(shape, 20_000, 20_000, 50, 7)));

    [Fact]
    public void A_steady_hold_run_allocates_nothing()
    {
        var queue = new EventQueue(capacity: 100_000);
        var random = new Random(3);
        long sequence = 0;
        for (int i = 0; i < 100_000; i++) queue.Push(Exponential(random), (ulong)(i % 1000) + 1, ++sequence, false, null!, null, "");
        void Hold(int events)
        {
            for (int i = 0; i < events; i++)
            {
                Assert.True(queue.TryPopBefore(long.MaxValue, out EventKey key, out _));
                queue.Push(key.Time + Exponential(random), key.SenderKey, ++sequence, false, null!, null, "");
            }
        }
        Hold(300_000); // grow every structure to its working size
        long before = GC.GetAllocatedBytesForCurrentThread();
        Hold(300_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Events_at_the_largest_time_are_kept_and_delivered_last()
    {
        var queue = new EventQueue(capacity: 4);
        for (int i = 0; i < 500; i++) queue.Push(long.MaxValue - (i % 3), 1, i + 1, false, null!, null, "");
        queue.Push(5, 1, 1000, false, null!, null, "");
        Assert.True(queue.TryPopBefore(long.MaxValue, out EventKey first, out _));
        Assert.Equal(5, first.Time);
        Assert.False(queue.TryPopBefore(long.MaxValue - 2, out _, out _));
        long previous = 0;
        for (int i = 0; i < 500; i++)
        {
            queue.Pop(out Envelope e);
            Assert.True(e.Time >= previous);
            previous = e.Time;
        }
        Assert.Equal(long.MaxValue, previous);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_rung_that_reaches_past_the_largest_time_still_sorts_later_events_in()
    {
        // 301 events just below long.MaxValue make a rung whose last bucket would end beyond it.
        var queue = new EventQueue(capacity: 4);
        long sequence = 0;
        for (int i = 0; i < 300; i++) queue.Push(10 + i, 1, ++sequence, false, null!, null, "");
        Assert.True(queue.TryPopBefore(long.MaxValue, out _, out _));
        for (int i = 0; i <= 300; i++) queue.Push(long.MaxValue - 300 + i, 1, ++sequence, false, null!, null, "");
        for (int i = 1; i < 300; i++) Assert.True(queue.TryPopBefore(long.MaxValue, out _, out _));
        Assert.True(queue.TryPopBefore(long.MaxValue, out EventKey first, out _));
        Assert.Equal(long.MaxValue - 300, first.Time);
        queue.Push(first.Time + 1, 0, 1, false, null!, null, ""); // sender key 0 goes before the queued event at that time
        Assert.True(queue.TryPopBefore(long.MaxValue, out EventKey next, out _));
        Assert.Equal((first.Time + 1, 0UL), (next.Time, next.SenderKey));
    }

    [Fact]
    public void Negative_times_are_rejected()
    {
        var queue = new EventQueue();
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Push(new Envelope { Time = -1, Target = null!, Message = "" }));
        Assert.Throws<InvalidOperationException>(() => queue.Pop(out _));
    }

    /// <summary>Runs a scenario against the model; returns a description of the first difference, or null.</summary>
    private static string? Run(Scenario scenario)
    {
        var random = new Random(scenario.Seed);
        var queue = new EventQueue(capacity: 16);
        var model = new SortedSet<(long Time, ulong Key, long Sequence)>(Comparer<(long Time, ulong Key, long Sequence)>.Create(
            (a, b) => EventOrder.Compare(a.Time, a.Key, a.Sequence, b.Time, b.Key, b.Sequence)));
        var sequences = new long[Senders.Length];
        long now = 0, lastPushed = 0;

        void Push()
        {
            long time = NextTime(scenario.Shape, random, now, ref lastPushed);
            int sender = random.Next(Senders.Length);
            var key = (time, Senders[sender], ++sequences[sender]);
            queue.Push(time, key.Item2, key.Item3, false, null!, null, key);
            model.Add(key);
        }

        string? Pop(int step)
        {
            var expected = model.Min;
            model.Remove(expected);
            if (!queue.TryPeekTime(out long peeked) || peeked != expected.Time) return $"step {step}: peeked {peeked}, expected {expected}";
            if (!queue.TryPopBefore(long.MaxValue, out EventKey key, out EventPayload payload) &&
                !(expected.Time == long.MaxValue && PopLast(queue, out key, out payload)))
                return $"step {step}: nothing popped, expected {expected}";
            var actual = (key.Time, key.SenderKey, key.Sequence);
            if (actual != expected || !Equals(payload.Message, expected)) return $"step {step}: popped {actual} ({payload.Message}), expected {expected}";
            now = key.Time;
            return null;
        }

        for (int i = 0; i < scenario.Fill; i++) Push();
        for (int step = 0; step < scenario.Mixed; step++)
        {
            if (model.Count == 0 || random.Next(100) < scenario.PushPercent) Push();
            else if (Pop(step) is { } failure) return failure;
            if (queue.Count != model.Count) return $"step {step}: count {queue.Count}, expected {model.Count}";
        }
        for (int step = 0; model.Count > 0; step++)
            if (Pop(-step) is { } failure) return failure;
        return queue.Count == 0 && !queue.TryPeekTime(out _) ? null : "the queue is not empty at the end";
    }

    private static bool PopLast(EventQueue queue, out EventKey key, out EventPayload payload)
    {
        queue.Pop(out Envelope e);
        key = new EventKey { Time = e.Time, SenderKey = e.SenderKey, Sequence = e.Sequence };
        payload = new EventPayload { Target = e.Target, Sender = e.Sender, Message = e.Message };
        return true;
    }

    /// <summary>Sender keys: the kernel's 0, neighbours, keys that share their high half, and the largest.</summary>
    private static readonly ulong[] Senders = [0, 1, 2, 0x1_0000_0000, 0x1_0000_0001, 0x8000_0000_0000_0000, ulong.MaxValue];

    private static long NextTime(Shape shape, Random random, long now, ref long lastPushed)
    {
        long time = shape switch
        {
            Shape.SameTime => now,
            Shape.Tiny => now + random.Next(4),
            Shape.Bursts => random.Next(10) == 0 ? now + random.Next(1000) : now,
            Shape.Exponential => now + Exponential(random),
            Shape.HugeGaps => random.Next(2) == 0 ? now + random.Next(10) : random.NextInt64(now, Math.Max(now, long.MaxValue / 2) + 1),
            Shape.Monotone => Math.Max(now, lastPushed) + random.Next(1, 4),
            Shape.FarCluster => random.Next(20) == 0 ? now + random.Next(100) : Math.Max(now, (1L << 40) + random.Next(-100, 100)),
            Shape.Nested => Math.Max(now, NestedOffset(random)),
            Shape.Extremes => random.Next(3) switch { 0 => now, 1 => Math.Max(now, long.MaxValue / 2), _ => long.MaxValue },
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        lastPushed = time;
        return time;
    }

    /// <summary>At each of ten scales (2^60, 2^54, ..., 2^6 ps) a 1-in-10 chance of a step: clusters inside clusters.</summary>
    private static long NestedOffset(Random random)
    {
        long offset = 0;
        for (int scale = 60; scale > 0; scale -= 6)
            if (random.Next(10) == 0) offset += 1L << scale;
        return offset + random.Next(4);
    }

    private static long Exponential(Random random) => (long)(-1000 * Math.Log(1 - random.NextDouble()));
}
