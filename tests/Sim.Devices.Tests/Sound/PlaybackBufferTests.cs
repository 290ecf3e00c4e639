using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Sound;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The device's playback buffer (virtio 1.2, 5.14.6.8.1) against a byte count kept by hand: at every deadline an
/// underrun is counted exactly when less than a period is queued, a whole period is taken otherwise, every message is
/// completed once, in order, when its last byte is taken, with the bytes still queued behind it; the message that ends
/// a run of underruns is the one late period.
/// </summary>
public sealed class PlaybackBufferTests
{
    [Fact]
    public void An_underrun_is_counted_exactly_when_less_than_a_period_is_queued_at_a_deadline()
    {
        const int period = 1920;
        var steps = Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Choose(1, 3).Select(n => n * period / 2)),   // a message of half a period to a period and a half
            (3, Gen.Constant(0))));                                // a deadline
        var property = Prop.ForAll(Arb.From(steps), sequence =>
        {
            var buffer = new PlaybackBuffer<int>();
            var completed = new List<(int Message, int LatencyBytes)>();
            var queued = new Queue<(int Id, int Bytes)>();
            int queuedBytes = 0, next = 0, headTaken = 0, expectedDone = 0;
            bool starved = false;
            foreach (int bytes in sequence)
            {
                if (bytes > 0)
                {
                    bool late = buffer.Enqueue(next, bytes, period);
                    queued.Enqueue((next++, bytes));
                    queuedBytes += bytes;
                    bool expectLate = starved && queuedBytes >= period;
                    if (expectLate) starved = false;
                    if (late != expectLate) return false.Label($"message {next - 1}: late {late}, expected {expectLate}");
                    continue;
                }
                bool underrun = queuedBytes < period;
                completed.Clear();
                bool played = buffer.Tick(period, completed);
                if (played == underrun) return false.Label($"{queuedBytes} B queued: played {played}");
                if (underrun)
                {
                    starved = true;
                    if (completed.Count != 0) return false.Label("an underrun completed a message");
                    continue;
                }
                int want = period, i = 0;
                while (want > 0)
                {
                    var (id, size) = queued.Peek();
                    int take = Math.Min(want, size - headTaken);
                    headTaken += take;
                    want -= take;
                    queuedBytes -= take;
                    if (headTaken < size) break;
                    queued.Dequeue();
                    headTaken = 0;
                    if (i >= completed.Count || completed[i] != (id, queuedBytes)) return false.Label($"message {id} with {queuedBytes} B behind it not completed");
                    if (id != expectedDone++) return false.Label("out of order");
                    i++;
                }
                if (i != completed.Count) return false.Label("a message completed before its last byte was played");
            }
            return (buffer.QueuedBytes == queuedBytes && buffer.Count == queued.Count).Label($"{buffer.QueuedBytes} vs {queuedBytes}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void A_release_drains_every_queued_message_in_order()
    {
        var buffer = new PlaybackBuffer<string>();
        buffer.Enqueue("a", 100, 200);
        buffer.Enqueue("b", 100, 200);
        Assert.False(buffer.Tick(300, []));
        Assert.True(buffer.Starved);
        var drained = new List<string>();
        buffer.Drain(drained);
        Assert.Equal(["a", "b"], drained);
        Assert.Equal(0, buffer.QueuedBytes);
        Assert.False(buffer.Starved);
    }
}
