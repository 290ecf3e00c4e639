using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// A queueing discipline of Linux traffic control (tc(8); <c>struct Qdisc_ops</c> in include/net/sch_generic.h): frames are
/// enqueued as the stack hands them to the device and dequeued when the driver can take one (<c>qdisc_restart</c>,
/// net/sched/sch_generic.c). A plain object driven by its owner (<see cref="TransmitPort"/>) with the simulated time;
/// the owner re-runs it at <see cref="NextEligible"/>, as the kernel's qdisc watchdog (an hrtimer) does.
/// </summary>
public interface IQdisc
{
    /// <summary>Frames held (the kernel's <c>sch->q.qlen</c>, over all children).</summary>
    int Backlog { get; }

    /// <summary>Frames held for device transmit queue <paramref name="txQueue"/> (0 for a single-queue qdisc).</summary>
    int BacklogOf(int txQueue);

    /// <summary>Takes <paramref name="frame"/>, or refuses it and says why (the frame is then dropped by the caller).</summary>
    DropReason? Enqueue(NetFrame frame, SimTime now);

    /// <summary>
    /// The frame that <see cref="Dequeue"/> would consider next, whether or not it may leave now (<c>ops->peek</c>);
    /// <c>null</c> when empty. For a multiqueue qdisc, the first over its queues.
    /// </summary>
    NetFrame? Peek(SimTime now);

    /// <summary>
    /// The next frame that may leave now for a device transmit queue whose bit is set in <paramref name="readyQueues"/>
    /// (a queue the driver has not stopped), or <c>null</c>. Frames the qdisc drops on the way (an expired launch time)
    /// are added to <paramref name="dropped"/>.
    /// </summary>
    QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped);

    /// <summary>
    /// The first instant after <paramref name="now"/> at which <see cref="Dequeue"/> may return a frame it would not
    /// return now (an etf launch time less delta, a taprio gate opening), where the kernel arms its watchdog; <c>null</c>
    /// if waiting alone releases nothing.
    /// </summary>
    SimTime? NextEligible(SimTime now);
}

/// <summary>Why a qdisc or the transmit port dropped a frame (the kernel's drop statistics and socket error codes).</summary>
public enum DropReason
{
    /// <summary>The queue was full: tail drop (<c>qdisc_drop</c> past <c>limit</c>/txqueuelen; counted as a drop, not an overlimit, by the kernel).</summary>
    Overlimit,

    /// <summary>
    /// etf refused the frame at enqueue: no <c>SO_TXTIME</c>, a launch time already past or before the last one dequeued
    /// (sch_etf.c <c>is_packet_valid</c>; the socket gets <c>SO_EE_CODE_TXTIME_INVALID_PARAM</c>).
    /// </summary>
    TxtimeInvalid,

    /// <summary>etf found the launch time passed while the frame waited (sch_etf.c <c>timesortedlist_drop</c>; <c>SO_EE_CODE_TXTIME_MISSED</c>).</summary>
    TxtimeMissed,

    /// <summary>
    /// taprio refused a frame longer than its traffic class's gate is ever open at the link rate (sch_taprio.c
    /// <c>taprio_enqueue</c> against <c>max_sdu</c>, which <c>taprio_update_queue_max_sdu</c> derives from the longest open gate).
    /// </summary>
    MaxSdu,
}

/// <summary>A frame a qdisc dropped while dequeuing, and why.</summary>
/// <param name="Frame">The dropped frame.</param>
/// <param name="Reason">Why.</param>
public readonly record struct DroppedFrame(NetFrame Frame, DropReason Reason);

/// <summary>A frame a qdisc hands to the driver, the device transmit queue it goes to, and how long it waited for a closed gate.</summary>
/// <param name="Frame">The frame (an etf in deadline mode has set its launch time to the dequeue time).</param>
/// <param name="TxQueue">The device transmit queue (the driver's tx ring).</param>
/// <param name="GateWait">Time the frame, at the head of its class, waited for its taprio gate (zero elsewhere).</param>
public readonly record struct QdiscOutput(NetFrame Frame, int TxQueue, SimTime GateWait = default);
