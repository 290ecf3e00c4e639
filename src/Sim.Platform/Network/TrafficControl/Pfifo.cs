using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// pfifo (net/sched/sch_fifo.c, tc-pfifo(8)): one FIFO of at most <c>limit</c> frames, tail-dropped beyond; the child
/// qdisc taprio gives each transmit queue by default (<c>taprio_init</c> creates <c>pfifo_qdisc_ops</c> children with
/// the device's txqueuelen as limit). A single-queue qdisc.
/// </summary>
public sealed class Pfifo : IQdisc
{
    private readonly Queue<NetFrame> _frames = new();
    private readonly int _limit;

    /// <summary>A FIFO of <paramref name="limit"/> frames.</summary>
    /// <param name="limit">Frames it holds (txqueuelen by default).</param>
    public Pfifo(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <inheritdoc />
    public int Backlog => _frames.Count;

    /// <inheritdoc />
    public int BacklogOf(int txQueue) => txQueue == 0 ? Backlog : 0;

    /// <inheritdoc />
    public DropReason? Enqueue(NetFrame frame, SimTime now)
    {
        if (_frames.Count >= _limit) return DropReason.Overlimit;
        _frames.Enqueue(frame);
        return null;
    }

    /// <inheritdoc />
    public NetFrame? Peek(SimTime now) => _frames.Count > 0 ? _frames.Peek() : null;

    /// <inheritdoc />
    public QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped) =>
        (readyQueues & 1) != 0 && _frames.Count > 0 ? new QdiscOutput(_frames.Dequeue(), 0) : null;

    /// <inheritdoc />
    public SimTime? NextEligible(SimTime now) => null;
}
