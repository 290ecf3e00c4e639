using Sim.Platform.Network.TrafficControl;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>pfifo_fast: the default priomap (sch_generic.c <c>sch_default_prio2band</c>), band order, per-band limit.</summary>
public sealed class PfifoFastTests
{
    [Fact]
    public void Priorities_map_to_bands_as_the_kernel_default_priomap()
    {
        int[] expected = [1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        for (int prio = 0; prio < 16; prio++) Assert.Equal(expected[prio], PfifoFast.BandOf(prio));
        Assert.Equal(PfifoFast.BandOf(6), PfifoFast.BandOf(6 + 16));   // skb->priority & TC_PRIO_MAX
    }

    [Fact]
    public void Band_zero_leaves_first_then_one_then_two_each_in_arrival_order()
    {
        var qdisc = new PfifoFast(10);
        // priority 1 -> band 2, 0 -> band 1, 6 -> band 0
        int[] priorities = [1, 0, 6, 1, 0, 7];
        for (int i = 0; i < priorities.Length; i++) Assert.Null(qdisc.Enqueue(Frame(i, priorities[i]), Us(0)));
        var order = new List<long>();
        while (qdisc.Dequeue(Us(0), 1, []) is { } output) order.Add(output.Frame.Sequence);
        Assert.Equal([2, 5, 1, 4, 0, 3], order);
    }

    [Fact]
    public void Each_band_holds_txqueuelen_frames_and_drops_beyond()
    {
        var qdisc = new PfifoFast(2);
        Assert.Null(qdisc.Enqueue(Frame(1, 0), Us(0)));
        Assert.Null(qdisc.Enqueue(Frame(2, 0), Us(0)));
        Assert.Equal(DropReason.Overlimit, qdisc.Enqueue(Frame(3, 0), Us(0)));
        Assert.Null(qdisc.Enqueue(Frame(4, 6), Us(0)));          // another band has its own room
        Assert.Equal(3, qdisc.Backlog);
    }

    [Fact]
    public void A_stopped_queue_gets_nothing()
    {
        var qdisc = new PfifoFast(2);
        qdisc.Enqueue(Frame(1), Us(0));
        Assert.Null(qdisc.Dequeue(Us(0), 0, []));
        Assert.Equal(1, qdisc.Backlog);
    }
}
