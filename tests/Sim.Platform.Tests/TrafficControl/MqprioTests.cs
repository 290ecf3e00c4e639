using Sim.Platform.Network.TrafficControl;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>mqprio (tc-mqprio(8)): priority to traffic class by map, class to its queues, a child per queue.</summary>
public sealed class MqprioTests
{
    // STR-68-like: 3 classes over the i225's 4 queues; priority 3 is the timed class (tc 0, queue 0), 2 -> tc 1, rest tc 2.
    internal static readonly int[] Map = [2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];

    internal static MqprioSpec Spec(IReadOnlyDictionary<int, QdiscSpec>? children = null) =>
        new(3, Map, [new TxQueueRange(1, 0), new TxQueueRange(1, 1), new TxQueueRange(2, 2)], Children: children);

    [Fact]
    public void A_frame_goes_to_a_queue_of_the_class_its_priority_maps_to()
    {
        var mqprio = (Mqprio)QdiscFactory.Build(Spec(), 4, Rate).Root;
        mqprio.Enqueue(Frame(1, priority: 3), Us(0));
        mqprio.Enqueue(Frame(2, priority: 2), Us(0));
        mqprio.Enqueue(Frame(3, priority: 0, flow: 4), Us(0));
        mqprio.Enqueue(Frame(4, priority: 0, flow: 5), Us(0));
        mqprio.Enqueue(Frame(5, priority: 3 + 16), Us(0));     // priority & TC_BITMASK
        Assert.Equal([2, 1, 1, 1], Enumerable.Range(0, 4).Select(mqprio.BacklogOf));
        Assert.Equal(2, mqprio.Layout.ClassOfQueue(3));
    }

    [Fact]
    public void Only_queues_the_driver_has_not_stopped_are_dequeued_and_each_output_names_its_queue()
    {
        var mqprio = QdiscFactory.Build(Spec(), 4, Rate).Root;
        mqprio.Enqueue(Frame(1, priority: 3), Us(0));
        mqprio.Enqueue(Frame(2, priority: 2), Us(0));
        var output = mqprio.Dequeue(Us(0), 0b0010, []);
        Assert.Equal((2L, 1), (output?.Frame.Sequence ?? 0, output?.TxQueue ?? -1));
        Assert.Null(mqprio.Dequeue(Us(0), 0b0010, []));
        Assert.Equal(0, mqprio.Dequeue(Us(0), 0b1111, [])?.TxQueue);
    }

    [Fact]
    public void An_etf_child_holds_its_queue_frames_until_launch_time_less_delta()
    {
        var plan = QdiscFactory.Build(Spec(new Dictionary<int, QdiscSpec> { [0] = new EtfSpec(Us(100), Offload: true) }), 4, Rate);
        Assert.Equal([true, false, false, false], plan.LaunchTime);
        plan.Root.Enqueue(Frame(1, priority: 3, launch: Us(500)), Us(0));
        Assert.Null(plan.Root.Dequeue(Us(399), ulong.MaxValue, []));
        Assert.Equal(Us(400), plan.Root.NextEligible(Us(0)));
        Assert.Equal(0, plan.Root.Dequeue(Us(400), ulong.MaxValue, [])?.TxQueue);
    }

    [Fact]
    public void Socket_options_set_the_priority_and_a_launch_time_after_the_send_time()
    {
        var frame = new Sim.Devices.Net.NetFrame(128, Us(40), 1);
        var stamped = new SocketOptions(3, Us(200)).Apply(frame);
        Assert.Equal((3, Us(240)), (stamped.Priority, stamped.LaunchTime));
        Assert.Equal(Sim.Core.Time.SimTime.Zero, SocketOptions.None.Apply(stamped).LaunchTime);
    }
}
