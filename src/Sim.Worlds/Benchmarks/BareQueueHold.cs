using Sim.Core.Randomness;

namespace Sim.Worlds.Benchmarks;

/// <summary>
/// The same hold model on a bare <see cref="PriorityQueue{TElement,TPriority}"/> keyed by (time, insertion counter),
/// with no actors: the baseline that shows what the actor kernel costs on top of a plain event queue.
/// </summary>
public static class BareQueueHold
{
    private readonly record struct HoldEvent(int Target);

    /// <summary>Runs <paramref name="events"/> events with <paramref name="pending"/> pending; returns the final time.</summary>
    public static long Run(int pending, long events, ulong seed)
    {
        var queue = new PriorityQueue<HoldEvent, (long Time, long Sequence)>(pending + 16);
        var random = new ActorRandom(seed);
        long sequence = 0;
        for (int i = 0; i < pending; i++)
            queue.Enqueue(new HoldEvent(i), ((long)random.NextExponential(HoldModel.MeanDelay), ++sequence));
        long now = 0;
        for (long n = 0; n < events; n++)
        {
            queue.TryDequeue(out var e, out var key);
            now = key.Time;
            queue.Enqueue(new HoldEvent(e.Target + 1), (now + (long)random.NextExponential(HoldModel.MeanDelay), ++sequence));
        }
        return now;
    }
}
