using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// taprio in software mode (net/sched/sch_taprio.c, tc-taprio(8) <c>flags 0x0</c>; IEEE 802.1Q-2018 8.6.8.4): frames
/// are classified as by mqprio (<see cref="TrafficClassLayout"/>) into a child qdisc per transmit queue (pfifo by
/// default), and the qdisc itself releases a frame only from a traffic class whose gate is open
/// (<see cref="GateSchedule"/>), and only if the frame's transmission (bytes and <see cref="EthernetLink.WireOverheadBytes"/>
/// at the link rate, <c>length_to_duration</c>) ends before that gate closes; a frame that does not fit waits for a
/// window where it does (the next cycle). Classes are tried from the highest to the lowest, the queues of a class in
/// round robin (<c>taprio_dequeue_tc_priority</c>). The dequeue is driven by the kernel's hrtimer, so a gate's opening
/// takes effect <c>softwareLatency</c> late (the timer's wake-up and the dequeue's cost); the close is checked against
/// the true time. A frame longer than its class's longest window (less that latency, so that no frame waits forever at
/// the head of its queue: a model choice, the kernel's <c>max_sdu</c> ignores the latency) is dropped at enqueue
/// (<see cref="DropReason.MaxSdu"/>).
/// For full offload (<c>flags 0x2</c>) the tree is an <see cref="Mqprio"/> and the NIC enforces the same schedule.
/// </summary>
public sealed class Taprio : ClassifyingRoot
{
    private readonly GateSchedule _schedule;
    private readonly SimTime _softwareLatency;
    private readonly int[] _nextQueue;
    private readonly SimTime?[] _heldSince;

    /// <summary>A software taprio (arguments validated by <see cref="QdiscFactory"/>).</summary>
    internal Taprio(TrafficClassLayout layout, GateSchedule schedule, IQdisc[] children, long bytesPerSecond, SimTime softwareLatency)
        : base(layout, children, schedule, softwareLatency, bytesPerSecond)
    {
        _schedule = schedule;
        _softwareLatency = softwareLatency;
        _nextQueue = Enumerable.Range(0, layout.Classes).Select(tc => layout.QueuesOf(tc).Offset).ToArray();
        _heldSince = new SimTime?[layout.Classes];
    }

    /// <summary>The gate control list.</summary>
    public GateSchedule Schedule => _schedule;

    /// <inheritdoc />
    public override QdiscOutput? Dequeue(SimTime now, ulong readyQueues, List<DroppedFrame> dropped)
    {
        for (int tc = Layout.Classes - 1; tc >= 0; tc--)
        {
            var range = Layout.QueuesOf(tc);
            bool held = false;
            for (int i = 0; i < range.Count; i++)
            {
                int q = range.Offset + (_nextQueue[tc] - range.Offset + i) % range.Count;
                if (Children[q].Peek(now) is not { } head) continue;
                if (_schedule.EarliestStart(tc, now, EthernetLink.WireTime(head.Bytes, BytesPerSecond), _softwareLatency) != now)
                {
                    held = true;
                    continue;
                }
                if ((readyQueues & (1UL << q)) == 0 || Children[q].Dequeue(now, 1, dropped) is not { } output) continue;
                _nextQueue[tc] = range.Offset + (q - range.Offset + 1) % range.Count;
                var waited = _heldSince[tc] is { } since ? now - since : SimTime.Zero;
                _heldSince[tc] = null;
                return output with { TxQueue = q, GateWait = waited };
            }
            if (held) _heldSince[tc] ??= now;
        }
        return null;
    }

    /// <inheritdoc />
    public override SimTime? NextEligible(SimTime now)
    {
        SimTime? next = Mqprio.Earliest(Children.Select(c => c.NextEligible(now)));
        for (int q = 0; q < Children.Length; q++)
        {
            if (Children[q].Peek(now) is not { } head || Layout.ClassOfQueue(q) is var tc && tc < 0) continue;
            if (_schedule.EarliestStart(tc, now, EthernetLink.WireTime(head.Bytes, BytesPerSecond), _softwareLatency) is { } start && start > now
                && (next is null || start < next)) next = start;
        }
        return next;
    }
}
