using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// mqprio (net/sched/sch_mqprio.c, tc-mqprio(8)): a root that only classifies. A frame's priority picks its traffic
/// class and the class's transmit queues (<see cref="TrafficClassLayout"/>); each transmit queue has its own child qdisc
/// (pfifo_fast by default, the device default qdisc; etf may be attached to a queue), run on its own when the driver
/// can take a frame for that queue (the children are grafted on the device queues, <c>mqprio_attach</c>). Which queue's
/// frame goes on the wire first is the NIC's arbitration, not mqprio's. <c>hw 1</c> only tells the driver the layout
/// (for the igc, strict priority between queues); its effect is in <see cref="NicTransmitSpec"/>. Also the shape of
/// taprio in full offload, whose gates the NIC enforces.
/// </summary>
public sealed class Mqprio : ClassifyingRoot
{
    private int _next;

    /// <summary>
    /// An mqprio of <paramref name="layout"/> with one child per device transmit queue; for a fully offloaded taprio,
    /// <paramref name="maxSduGates"/> is its schedule, against which frames too long for their class's longest window
    /// are dropped at enqueue (<see cref="DropReason.MaxSdu"/>).
    /// </summary>
    internal Mqprio(TrafficClassLayout layout, IQdisc[] children, GateSchedule? maxSduGates = null, long bytesPerSecond = 1)
        : base(layout, children, maxSduGates, SimTime.Zero, bytesPerSecond)
    {
    }

    /// <summary>Runs the children of ready queues in turn from the one after the last served (each device queue has its own qdisc run).</summary>
    public override QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped)
    {
        for (int i = 0; i < Children.Length; i++)
        {
            int q = (_next + i) % Children.Length;
            if ((readyQueues & (1UL << q)) == 0) continue;
            if (Children[q].Dequeue(now, 1, dropped) is { } output)
            {
                _next = (q + 1) % Children.Length;
                return output with { TxQueue = q };
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override SimTime? NextEligible(SimTime now) => Earliest(Children.Select(c => c.NextEligible(now)));

    /// <summary>The earliest of <paramref name="times"/>, or null if none.</summary>
    internal static SimTime? Earliest(IEnumerable<SimTime?> times)
    {
        SimTime? first = null;
        foreach (var t in times)
            if (t is { } value && (first is null || value < first)) first = value;
        return first;
    }
}
