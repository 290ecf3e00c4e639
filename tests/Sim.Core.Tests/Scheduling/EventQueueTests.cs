using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Scheduling;

public sealed class EventQueueTests
{
    /// <summary>A random mix of pushes and pops, with many equal times and sender keys sharing their high half.</summary>
    [Fact]
    public void Pops_in_exactly_the_event_order_under_any_mix_of_pushes_and_pops()
    {
        var op = Gen.Frequency(
            (3, Gen.Zip(Gen.Choose(0, 20), Gen.Choose(0, 5)).Select(p => (Push: true, Time: (long)p.Item1, Sender: p.Item2))),
            (2, Gen.Constant((Push: false, Time: 0L, Sender: 0))));
        var property = Prop.ForAll(Gen.ListOf(op).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            var queue = new EventQueue(capacity: 4);
            var model = new List<(long Time, ulong Key, long Seq)>();
            var sequences = new long[6];
            long floor = 0;
            foreach (var o in ops)
            {
                if (o.Push)
                {
                    // Keys 0..5 share high halves in pairs, so the tie-break must read the slab.
                    ulong key = ((ulong)(o.Sender / 2) << 32) | (uint)(o.Sender % 2);
                    long time = floor + o.Time;
                    long seq = ++sequences[o.Sender];
                    queue.Push(new Envelope { Time = time, SenderKey = key, Sequence = seq, Target = null!, Message = "" });
                    model.Add((time, key, seq));
                }
                else if (model.Count > 0)
                {
                    model.Sort((a, b) => EventOrder.Compare(a.Time, a.Key, a.Seq, b.Time, b.Key, b.Seq));
                    var expected = model[0];
                    model.RemoveAt(0);
                    queue.Pop(out var e);
                    if (e.Time != expected.Time || e.SenderKey != expected.Key || e.Sequence != expected.Seq) return false;
                    floor = e.Time;
                }
                if (queue.Count != model.Count) return false;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Grows_past_its_initial_capacity_and_reuses_slots()
    {
        var queue = new EventQueue(capacity: 4);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 999; i >= 0; i--) queue.Push(new Envelope { Time = i, SenderKey = 1, Sequence = i, Target = null!, Message = "" });
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal(i, queue.PeekTime);
                queue.Pop(out var e);
                Assert.Equal(i, e.Time);
            }
            Assert.Equal(0, queue.Count);
        }
    }

    [Fact]
    public void Event_order_is_time_then_sender_key_then_sequence()
    {
        Assert.True(EventOrder.Precedes(1, 9, 9, 2, 0, 0));
        Assert.True(EventOrder.Precedes(1, 3, 9, 1, 4, 0));
        Assert.True(EventOrder.Precedes(1, 3, 1, 1, 3, 2));
        Assert.Equal(0, EventOrder.Compare(1, 3, 1, 1, 3, 1));
    }
}
