using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Sound;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The device's capture buffer (virtio 1.2, 5.14.6.8.2) against a count kept by hand: at every period end an overrun
/// is counted exactly when no rxq buffer is posted, the oldest posted buffer is filled otherwise, every buffer is filled
/// once, in the order it was posted; a release drains what is still posted, in order.
/// </summary>
public sealed class CaptureBufferTests
{
    [Fact]
    public void An_overrun_is_counted_exactly_when_no_buffer_is_posted_at_a_period_end()
    {
        var steps = Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Constant(true)),    // the driver posts a buffer
            (3, Gen.Constant(false)))); // a period ends
        var property = Prop.ForAll(Arb.From(steps), sequence =>
        {
            var buffer = new CaptureBuffer<int>();
            int posted = 0, next = 0, expectedFilled = 0, overruns = 0, expectedOverruns = 0;
            foreach (bool post in sequence)
            {
                if (post)
                {
                    buffer.Post(next++);
                    posted++;
                    continue;
                }
                bool expectOverrun = posted == 0;
                if (expectOverrun) expectedOverruns++;
                bool filled = buffer.Tick(out int message);
                if (!filled) overruns++;
                if (filled == expectOverrun) return false.Label($"{posted} posted: filled {filled}");
                if (filled)
                {
                    if (message != expectedFilled++) return false.Label($"filled {message}, expected {expectedFilled - 1}");
                    posted--;
                }
            }
            return (overruns == expectedOverruns && buffer.Count == posted).Label($"{overruns} overruns vs {expectedOverruns}, {buffer.Count} posted vs {posted}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void A_release_drains_every_posted_buffer_in_order()
    {
        var buffer = new CaptureBuffer<string>();
        Assert.False(buffer.Tick(out _));
        buffer.Post("a");
        buffer.Post("b");
        buffer.Post("c");
        Assert.True(buffer.Tick(out string first));
        Assert.Equal("a", first);
        var drained = new List<string>();
        buffer.Drain(drained);
        Assert.Equal(["b", "c"], drained);
        Assert.Equal(0, buffer.Count);
        Assert.False(buffer.Tick(out _));
    }
}
