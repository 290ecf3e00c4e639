using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>
/// A ladder queue of <see cref="EventKey"/>s (Tang, Goh and Thng, "Ladder Queue: An O(1) Priority Queue Structure for
/// Large-Scale Discrete Event Simulation", ACM TOMACS 15(3), 2005, section 3). Far-future events wait unsorted in the
/// top. When the queue runs dry below the top, the top is spread over the buckets of rung 0. The earliest non-empty
/// bucket of the lowest rung is then either spread over a finer rung (when it holds more than
/// <see cref="SpawnThreshold"/> events of different times) or sorted into the <see cref="LadderBottom"/>, from which
/// events leave. An event is moved a bounded number of times, so push and pop cost O(1) amortised whatever the number
/// pending, and each move is a sequential chunk copy (<see cref="BucketStore"/>), not a climb through a heap far larger
/// than the cache.
///
/// Departures from the paper: bucket widths are powers of two (a bucket index is a subtraction and a shift); a rung
/// spans only the times of the events it is made from, so clustered events get fine buckets at once, and the parent
/// bucket stays current for later events beyond the new rung; a bucket whose events all have one time goes straight
/// to the bottom; the bottom is sorted in linear time (<see cref="EventKeySort"/>); an event pushed into the empty queue
/// goes straight to the bottom. Every comparison uses the complete key, so the order is exactly <see cref="EventOrder"/>
/// whatever the times (all equal, bursts, gaps up to <see cref="long.MaxValue"/>). Times must not be negative.
/// </summary>
internal sealed class LadderQueue
{
    /// <summary>A bucket with more events than this (of more than one time) is spread over a finer rung instead of sorted.</summary>
    internal const int SpawnThreshold = 128;
    /// <summary>A new rung gets about one bucket per this many events (Tang et al. use one per event).</summary>
    private const int EventsPerBucket = 4;
    private const int MaxRungs = 8;
    private const int MaxBucketsLog = 20;

    /// <summary>
    /// One rung: buckets of width 2^<see cref="Shift"/> from <see cref="Start"/>. Buckets before <see cref="Current"/>
    /// are used up; an event at or before <see cref="FrontierLast"/> belongs to a lower rung or the bottom.
    /// </summary>
    private struct Rung
    {
        public long Start;
        public int Shift;
        public int BucketCount;
        public int Current;
        public long FrontierLast;
    }

    private readonly BucketStore _store;
    private readonly LadderBottom _bottom = new();
    private readonly PayloadSlab? _payloads;
    private readonly Rung[] _rungs = new Rung[MaxRungs];
    private readonly Bucket[]?[] _buckets = new Bucket[MaxRungs][];
    private int _rungCount;
    private Bucket _top;
    private long _topMin = long.MaxValue;
    private long _topMax = long.MinValue;
    /// <summary>Events after this time go to the top.</summary>
    private long _topLast = -1;
    private int _count;
    /// <summary>The result of the last <see cref="PayloadSlab.Warm"/>, kept so that its loads are not optimised away.</summary>
    private int _warmth;

    /// <summary>
    /// An empty queue with room for about <paramref name="capacity"/> events before it grows. When a bucket is sorted
    /// into the bottom, the payloads of its events are loaded from <paramref name="payloads"/> into the cache together.
    /// </summary>
    public LadderQueue(int capacity, PayloadSlab? payloads = null)
    {
        // Room for the keys, and a quarter more for the partly filled last chunks of the buckets.
        _store = new BucketStore(capacity + capacity / 4);
        _payloads = payloads;
    }

    /// <summary>Pending events.</summary>
    public int Count => _count;

    /// <summary>Adds an event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in EventKey key)
    {
        if (key.Time <= _topLast) PushBelowTop(key);
        else if (_count == 0) StartWith(key);
        else PushTop(key);
        _count++;
    }

    /// <summary>The time of the earliest event; false when the queue is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeekTime(out long time)
    {
        if (_bottom.Count == 0 && !Refill())
        {
            time = 0;
            return false;
        }
        time = _bottom.Min.Time;
        return true;
    }

    /// <summary>Removes the earliest event if there is one before <paramref name="endExclusive"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPopBefore(long endExclusive, out EventKey key)
    {
        if ((_bottom.Count == 0 && !Refill()) || !_bottom.TryPopBefore(endExclusive, out key))
        {
            key = default;
            return false;
        }
        _count--;
        return true;
    }

    /// <summary>Removes the earliest event; false when the queue is empty.</summary>
    public bool TryPop(out EventKey key)
    {
        if (_bottom.Count == 0 && !Refill())
        {
            key = default;
            return false;
        }
        key = _bottom.Pop();
        _count--;
        return true;
    }

    /// <summary>
    /// An event into the empty queue goes straight to the bottom: the (empty) rungs are dropped and the bottom's range
    /// extended to its time. A model with one event in flight thus never touches the top or a rung.
    /// </summary>
    private void StartWith(in EventKey key)
    {
        _rungCount = 0;
        _topLast = key.Time;
        _bottom.LoadSingle(key);
    }

    private void PushTop(in EventKey key)
    {
        _store.Append(ref _top, key);
        if (key.Time < _topMin) _topMin = key.Time;
        if (key.Time > _topMax) _topMax = key.Time;
    }

    private void PushBelowTop(in EventKey key)
    {
        Rung[] rungs = _rungs;
        for (int level = 0; level < _rungCount; level++)
        {
            ref Rung rung = ref rungs[level];
            if (key.Time > rung.FrontierLast)
            {
                _store.Append(ref _buckets[level]![(int)((ulong)(key.Time - rung.Start) >> rung.Shift)], key);
                return;
            }
        }
        _bottom.Insert(key);
    }

    /// <summary>Fills the empty bottom from the lowest rung, making rungs as needed; false when no event is left.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Refill()
    {
        while (true)
        {
            if (_rungCount == 0)
            {
                if (_top.Count == 0) return false;
                if (_top.Count <= SpawnThreshold || _topMin == _topMax)
                {
                    _topLast = _topMax;
                    SortIntoBottom(ref _top, _topMin, 64 - BitOperations.LeadingZeroCount((ulong)(_topMax - _topMin)));
                    _topMin = long.MaxValue;
                    _topMax = long.MinValue;
                    return true;
                }
                StartRungFromTop();
            }
            int level = _rungCount - 1;
            ref Rung rung = ref _rungs[level];
            Bucket[] buckets = _buckets[level]!;
            int index = rung.Current;
            while (index < rung.BucketCount && buckets[index].Count == 0) index++;
            if (index == rung.BucketCount)
            {
                _rungCount--;
                continue;
            }
            long bucketStart = rung.Start + (long)((ulong)index << rung.Shift);
            ref Bucket bucket = ref buckets[index];
            if (bucket.Count > SpawnThreshold && rung.Shift > 0 && _rungCount < MaxRungs)
            {
                var (min, max) = _store.TimeRange(bucket);
                if (min != max)
                {
                    rung.Current = index;
                    rung.FrontierLast = SpawnRung(ref bucket, bucketStart, min, max);
                    continue;
                }
            }
            rung.Current = index + 1;
            rung.FrontierLast = LastOf(rung.Start, (ulong)(index + 1) << rung.Shift);
            SortIntoBottom(ref bucket, bucketStart, rung.Shift);
            return true;
        }
    }

    /// <summary>Spreads the top over a new rung 0 that spans the top's times.</summary>
    private void StartRungFromTop()
    {
        int shift = ShiftFor((ulong)(_topMax - _topMin), _top.Count);
        int count = (int)((ulong)(_topMax - _topMin) >> shift) + 1;
        Bucket[] buckets = BucketsFor(0, count);
        _rungs[0] = new Rung { Start = _topMin, Shift = shift, BucketCount = count, Current = 0, FrontierLast = _topMin - 1 };
        _topLast = LastOf(_topMin, (ulong)count << shift);
        _store.Scatter(ref _top, buckets, _topMin, shift);
        _topMin = long.MaxValue;
        _topMax = long.MinValue;
        _rungCount = 1;
    }

    /// <summary>
    /// Spreads a crowded bucket (its events span [<paramref name="min"/>, <paramref name="max"/>]) over a new, finer
    /// rung that covers just that span; returns the last time the new rung covers. The parent bucket stays current,
    /// takes later events beyond that time, and is visited again when the new rung is used up.
    /// </summary>
    private long SpawnRung(ref Bucket bucket, long bucketStart, long min, long max)
    {
        int shift = ShiftFor((ulong)(max - min), bucket.Count);
        long start = bucketStart + (long)(((ulong)(min - bucketStart) >> shift) << shift);
        int count = (int)((ulong)(max - start) >> shift) + 1;
        int level = _rungCount++;
        Bucket[] buckets = BucketsFor(level, count);
        _rungs[level] = new Rung { Start = start, Shift = shift, BucketCount = count, Current = 0, FrontierLast = start - 1 };
        _store.Scatter(ref bucket, buckets, start, shift);
        return LastOf(start, (ulong)count << shift);
    }

    /// <summary>Moves a bucket whose times lie in [<paramref name="start"/>, + 2^<paramref name="shift"/>) into the empty bottom, sorted.</summary>
    private void SortIntoBottom(ref Bucket bucket, long start, int shift)
    {
        Span<EventKey> loaded = _bottom.BeginLoad(bucket.Count);
        _store.Drain(ref bucket, loaded);
        if (_payloads is not null) _warmth = _payloads.Warm(loaded);
        _bottom.EndLoad(start, shift);
    }

    /// <summary>The least shift that spreads <paramref name="span"/> over about events / <see cref="EventsPerBucket"/> buckets.</summary>
    private static int ShiftFor(ulong span, int events)
    {
        ulong buckets = (ulong)Math.Clamp(events / EventsPerBucket, 2, 1 << MaxBucketsLog);
        int shift = 0;
        while ((span >> shift) >= buckets) shift++;
        return shift;
    }

    /// <summary>start + length − 1, or <see cref="long.MaxValue"/> when that is beyond it.</summary>
    private static long LastOf(long start, ulong length) =>
        length - 1 > (ulong)(long.MaxValue - start) ? long.MaxValue : start + (long)(length - 1);

    /// <summary>The (empty) bucket array of rung <paramref name="level"/>, with at least <paramref name="count"/> buckets.</summary>
    private Bucket[] BucketsFor(int level, int count)
    {
        Bucket[]? buckets = _buckets[level];
        if (buckets is null || buckets.Length < count)
            _buckets[level] = buckets = new Bucket[Math.Max(count, (buckets?.Length ?? 0) * 2)];
        return buckets;
    }
}
