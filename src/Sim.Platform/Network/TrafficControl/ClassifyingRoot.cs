using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// What mqprio and taprio share (net/sched/sch_mqprio.c, sch_taprio.c): a root that classifies each frame by its priority
/// into a traffic class and one of that class's transmit queues (<see cref="TrafficClassLayout"/>), each queue with a
/// child qdisc of its own. Under a gate schedule, a frame whose time on the wire exceeds its class's longest window (less
/// a latency, see <see cref="Taprio"/>) is dropped at enqueue (<see cref="DropReason.MaxSdu"/>: <c>taprio_enqueue</c>
/// checks <c>max_sdu</c> in both modes). How frames leave is each root's own.
/// </summary>
public abstract class ClassifyingRoot : IQdisc
{
    private readonly GateSchedule? _gates;
    private readonly SimTime _gateLatency;

    /// <summary>A root of <paramref name="layout"/> with one child per transmit queue, checking frames against <paramref name="gates"/> (null: none) less <paramref name="gateLatency"/>.</summary>
    private protected ClassifyingRoot(TrafficClassLayout layout, IQdisc[] children, GateSchedule? gates, SimTime gateLatency, long bytesPerSecond)
    {
        if (children.Length != layout.TxQueues) throw new ArgumentException("one child qdisc per transmit queue", nameof(children));
        Layout = layout;
        Children = children;
        _gates = gates;
        _gateLatency = gateLatency;
        BytesPerSecond = bytesPerSecond;
    }

    /// <summary>The class-to-queue layout.</summary>
    public TrafficClassLayout Layout { get; }

    /// <summary>The child qdiscs, by transmit queue.</summary>
    private protected IQdisc[] Children { get; }

    /// <summary>The link rate the wire times are reckoned at.</summary>
    private protected long BytesPerSecond { get; }

    /// <summary>The child qdisc of transmit queue <paramref name="txQueue"/>.</summary>
    public IQdisc Child(int txQueue) => Children[txQueue];

    /// <inheritdoc />
    public int Backlog => Children.Sum(c => c.Backlog);

    /// <inheritdoc />
    public int BacklogOf(int txQueue) => Children[txQueue].Backlog;

    /// <inheritdoc />
    public DropReason? Enqueue(NetFrame frame, SimTime now)
    {
        int tc = Layout.ClassOf(frame.Priority);
        if (_gates is not null && EthernetLink.WireTime(frame.Bytes, BytesPerSecond) > _gates.LongestWindow(tc) - _gateLatency) return DropReason.MaxSdu;
        return Children[Layout.QueueFor(tc, frame.Flow)].Enqueue(frame, now);
    }

    /// <inheritdoc />
    public NetFrame? Peek(SimTime now)
    {
        foreach (var child in Children)
            if (child.Peek(now) is { } frame) return frame;
        return null;
    }

    /// <inheritdoc />
    public abstract QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped);

    /// <inheritdoc />
    public abstract SimTime? NextEligible(SimTime now);
}
