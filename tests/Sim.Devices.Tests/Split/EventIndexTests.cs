using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// <c>vring_need_event(event, new, old) = (u16)(new - event - 1) &lt; (u16)(new - old)</c> (virtio 1.2, 2.7.10):
/// notify when the moved index passes the other side's event index, modulo 2^16.
/// </summary>
public sealed class EventIndexTests
{
    [Theory]
    [InlineData(5, 6, 5, true)]           // the truth table in reference/virtio.md
    [InlineData(5, 10, 6, false)]
    [InlineData(5, 5, 4, false)]
    [InlineData(65535, 1, 65534, true)]
    [InlineData(0, 1, 0, true)]           // start of day: event 0, first add
    [InlineData(3, 3, 3, false)]          // nothing moved
    [InlineData(65535, 0, 65535, true)]   // the entry at 65535 moves idx to 0
    public void Need_event_truth_table(int eventIndex, int newIndex, int old, bool expected)
    {
        Assert.Equal(expected, EventIndex.NeedEvent((ushort)eventIndex, (ushort)newIndex, (ushort)old));
    }

    [Fact]
    public void Need_event_is_true_exactly_when_the_event_index_lies_in_old_to_new()
    {
        var cases = from old in Gen.Choose(0, 65535)
                    from moved in Gen.Choose(0, 40)
                    from offset in Gen.Choose(-50, 50)
                    select (Old: (ushort)old, New: (ushort)(old + moved), Event: (ushort)(old + offset));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int moved = (ushort)(c.New - c.Old);
            bool passed = false;
            for (int i = 0; i < moved; i++) passed |= (ushort)(c.Old + i) == c.Event;
            return EventIndex.NeedEvent(c.Event, c.New, c.Old) == passed;
        });
        Check.One(PropertyRuns.Config(2000), property);
    }
}
