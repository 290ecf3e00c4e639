using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// etf, Earliest TxTime First (net/sched/sch_etf.c, tc-etf(8)): frames carry the launch time their socket asked for
/// with <c>SO_TXTIME</c> (<see cref="NetFrame.LaunchTime"/>) and are kept sorted by it (a red-black tree; equal times
/// in arrival order). At enqueue a frame without a launch time, or whose launch time is already past or earlier than
/// the last one dequeued, is dropped (<c>is_packet_valid</c>: <see cref="DropReason.TxtimeInvalid"/>). The head leaves
/// from its launch time less <c>delta</c> on (the watchdog fires there; the kernel's test is "now after txtime − delta",
/// here from that instant on); a head whose launch time passed while it waited is dropped at dequeue
/// (<see cref="DropReason.TxtimeMissed"/>). In <c>deadline_mode</c> the launch time is a deadline: the head leaves as
/// soon as asked, its launch time set to the dequeue time. Whether the NIC then holds the frame until its launch time
/// (<c>offload</c>, the i225's LaunchTime queues) is the device's part (<see cref="NicTransmitSpec"/>,
/// <see cref="TransmitPlan.LaunchTime"/>). sch_etf.c has no queue limit of its own; <c>limit</c> here bounds it
/// (tail drop, <see cref="DropReason.Overlimit"/>). A single-queue qdisc.
/// </summary>
public sealed class Etf : IQdisc
{
    private readonly PriorityQueue<NetFrame, (long Txtime, long Order)> _frames = new();
    private readonly SimTime _delta;
    private readonly bool _deadlineMode;
    private readonly int _limit;
    private long _order;
    private SimTime _last;

    /// <summary>An etf qdisc.</summary>
    /// <param name="delta">How long before a frame's launch time it is dequeued (tc-etf(8) <c>delta</c>).</param>
    /// <param name="deadlineMode">Launch times are deadlines: dequeue at once (tc-etf(8) <c>deadline_mode</c>).</param>
    /// <param name="limit">Frames it holds at most (no kernel counterpart; <see cref="int.MaxValue"/> for none).</param>
    public Etf(SimTime delta, bool deadlineMode, int limit)
    {
        if (delta < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(delta), delta, "etf delta is not negative");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _delta = delta;
        _deadlineMode = deadlineMode;
        _limit = limit;
    }

    /// <inheritdoc />
    public int Backlog => _frames.Count;

    /// <inheritdoc />
    public int BacklogOf(int txQueue) => txQueue == 0 ? Backlog : 0;

    /// <inheritdoc />
    public DropReason? Enqueue(NetFrame frame, SimTime now)
    {
        var txtime = frame.LaunchTime;
        if (txtime == SimTime.Zero || txtime < now || txtime < _last) return DropReason.TxtimeInvalid;
        if (_frames.Count >= _limit) return DropReason.Overlimit;
        _frames.Enqueue(frame, (txtime.Picoseconds, ++_order));
        return null;
    }

    /// <inheritdoc />
    public NetFrame? Peek(SimTime now) => _frames.TryPeek(out var frame, out _) ? frame : null;

    /// <inheritdoc />
    public QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped)
    {
        if ((readyQueues & 1) == 0) return null;
        while (_frames.TryPeek(out var head, out _) && head.LaunchTime < now)
            dropped.Add(new DroppedFrame(_frames.Dequeue(), DropReason.TxtimeMissed));
        if (!_frames.TryPeek(out var frame, out _)) return null;
        if (_deadlineMode)
        {
            _frames.Dequeue();
            _last = frame.LaunchTime;
            return new QdiscOutput(frame with { LaunchTime = now }, 0);
        }
        if (now < frame.LaunchTime - _delta) return null;
        _frames.Dequeue();
        _last = frame.LaunchTime;
        return new QdiscOutput(frame, 0);
    }

    /// <inheritdoc />
    public SimTime? NextEligible(SimTime now)
    {
        if (_deadlineMode || !_frames.TryPeek(out var head, out _)) return null;
        var release = head.LaunchTime - _delta;
        return release > now ? release : null;
    }
}
