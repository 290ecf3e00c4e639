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
public sealed class Mqprio : IQdisc
{
    private readonly TrafficClassLayout _layout;
    private readonly IQdisc[] _children;
    private readonly GateSchedule? _maxSduGates;
    private readonly long _bytesPerSecond;
    private int _next;

    /// <summary>
    /// An mqprio of <paramref name="layout"/> with one child per device transmit queue; for a fully offloaded taprio,
    /// <paramref name="maxSduGates"/> is its schedule, against which frames too long for their class's longest window
    /// are dropped at enqueue (<see cref="DropReason.MaxSdu"/>: taprio_enqueue checks <c>max_sdu</c> in both modes).
    /// </summary>
    internal Mqprio(TrafficClassLayout layout, IQdisc[] children, GateSchedule? maxSduGates = null, long bytesPerSecond = 1)
    {
        if (children.Length != layout.TxQueues) throw new ArgumentException("one child qdisc per transmit queue", nameof(children));
        _layout = layout;
        _children = children;
        _maxSduGates = maxSduGates;
        _bytesPerSecond = bytesPerSecond;
    }

    /// <summary>The class-to-queue layout.</summary>
    public TrafficClassLayout Layout => _layout;

    /// <summary>The child qdisc of transmit queue <paramref name="txQueue"/>.</summary>
    public IQdisc Child(int txQueue) => _children[txQueue];

    /// <inheritdoc />
    public int Backlog => _children.Sum(c => c.Backlog);

    /// <inheritdoc />
    public int BacklogOf(int txQueue) => _children[txQueue].Backlog;

    /// <inheritdoc />
    public DropReason? Enqueue(NetFrame frame, SimTime now)
    {
        int tc = _layout.ClassOf(frame.Priority);
        if (_maxSduGates is not null
            && SimTime.ForBytesAtRate(frame.Bytes + EthernetLink.WireOverheadBytes, _bytesPerSecond) > _maxSduGates.LongestWindow(tc))
            return DropReason.MaxSdu;
        return _children[_layout.QueueFor(tc, frame.Flow)].Enqueue(frame, now);
    }

    /// <inheritdoc />
    public NetFrame? Peek(SimTime now)
    {
        foreach (var child in _children)
            if (child.Peek(now) is { } frame) return frame;
        return null;
    }

    /// <summary>Runs the children of ready queues in turn from the one after the last served (each device queue has its own qdisc run).</summary>
    public QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped)
    {
        for (int i = 0; i < _children.Length; i++)
        {
            int q = (_next + i) % _children.Length;
            if ((readyQueues & (1UL << q)) == 0) continue;
            if (_children[q].Dequeue(now, 1, dropped) is { } output)
            {
                _next = (q + 1) % _children.Length;
                return output with { TxQueue = q };
            }
        }
        return null;
    }

    /// <inheritdoc />
    public SimTime? NextEligible(SimTime now) => Earliest(_children.Select(c => c.NextEligible(now)));

    /// <summary>The earliest of <paramref name="times"/>, or null if none.</summary>
    internal static SimTime? Earliest(IEnumerable<SimTime?> times)
    {
        SimTime? first = null;
        foreach (var t in times)
            if (t is { } value && (first is null || value < first)) first = value;
        return first;
    }
}
