using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>A frame the NIC chose for the wire: its queue, how long gates held it (qdisc and NIC), and whether it left after its launch time.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="TxQueue">Its transmit queue.</param>
/// <param name="GateWait">Time it waited for a closed gate, in taprio and at the NIC.</param>
/// <param name="LateLaunch">It had a launch time on a LaunchTime queue and starts after it.</param>
public readonly record struct WireStart(NetFrame Frame, int TxQueue, SimTime GateWait, bool LateLaunch);

/// <summary>
/// The transmit side of a NIC such as the i225 (i225 datasheet 7.5.2 Transmit Scheduling; the igc driver, igc_main.c,
/// igc_tsn.c): one descriptor ring per transmit queue holding at most <c>RingFrames</c> frames (the driver stops the
/// queue when it is full, so the qdisc keeps the rest), each frame's data fetched by DMA <c>DmaFetch</c> after the
/// driver posts it; among the queues whose head is fetched the NIC picks by strict priority
/// (<see cref="TxArbitration"/>). A queue in LaunchTime mode holds its head until the frame's launch time
/// (<c>IGC_TXQCTL_QUEUE_MODE_LAUNCHT</c>, etf offload); with a fully offloaded taprio a queue's head starts only while its
/// class's gate is open and if it ends before the gate closes (<c>IGC_TXQCTL_STRICT_END</c>, 802.1Q-2018 8.6.8.4). A
/// frame on the wire is never preempted. Plain object: <see cref="TransmitPort"/> drives it.
/// </summary>
public sealed class NicTransmitQueues
{
    private readonly record struct Slot(NetFrame Frame, SimTime Fetched, SimTime GateWait);

    private readonly Queue<Slot>[] _rings;
    private readonly int _ringFrames;
    private readonly SimTime _dmaFetch;
    private readonly int[] _order;
    private readonly IReadOnlyList<bool> _launchTime;
    private readonly GateSchedule? _gates;
    private readonly TrafficClassLayout? _layout;
    private readonly long _bytesPerSecond;

    /// <summary>The transmit side of <paramref name="nic"/> for <paramref name="plan"/>'s launch-time queues and hardware gates.</summary>
    public NicTransmitQueues(NicTransmitSpec nic, TransmitPlan plan, long bytesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(nic);
        ArgumentNullException.ThrowIfNull(plan);
        if (nic.RingFrames < 1) throw new ArgumentException($"NIC: ring of {nic.RingFrames} frames; expected at least 1", nameof(nic));
        if (nic.DmaFetch < SimTime.Zero) throw new ArgumentException($"NIC: DMA fetch latency {nic.DmaFetch} is negative", nameof(nic));
        if (plan.LaunchTime.Count != nic.TxQueues) throw new ArgumentException("NIC: the plan was built for another number of transmit queues", nameof(plan));
        _rings = Enumerable.Range(0, nic.TxQueues).Select(_ => new Queue<Slot>()).ToArray();
        _ringFrames = nic.RingFrames;
        _dmaFetch = nic.DmaFetch;
        _order = Enumerable.Range(0, nic.TxQueues).ToArray();
        if (nic.Arbitration == TxArbitration.HighestIndexFirst) Array.Reverse(_order);
        _launchTime = plan.LaunchTime;
        _gates = plan.HardwareGates;
        _layout = plan.Layout;
        _bytesPerSecond = bytesPerSecond;
    }

    /// <summary>Transmit queues.</summary>
    public int TxQueues => _rings.Length;

    /// <summary>Bit q set: ring q has room, so the driver has not stopped queue q.</summary>
    public ulong ReadyMask
    {
        get
        {
            ulong mask = 0;
            for (int q = 0; q < _rings.Length; q++)
                if (_rings[q].Count < _ringFrames) mask |= 1UL << q;
            return mask;
        }
    }

    /// <summary>Frames in ring <paramref name="txQueue"/>.</summary>
    public int RingBacklog(int txQueue) => _rings[txQueue].Count;

    /// <summary>Frames in all rings.</summary>
    public int Backlog => _rings.Sum(r => r.Count);

    /// <summary>The driver posts <paramref name="output"/> to its ring at <paramref name="now"/>; its data is in the NIC after the DMA fetch.</summary>
    public void Post(QdiscOutput output, SimTime now)
    {
        var ring = _rings[output.TxQueue];
        if (ring.Count >= _ringFrames) throw new InvalidOperationException($"NIC: ring {output.TxQueue} is full; the qdisc may not dequeue to it");
        ring.Enqueue(new Slot(output.Frame, now + _dmaFetch, output.GateWait));
    }

    /// <summary>Takes the frame that goes on the (idle) wire at <paramref name="now"/>: the first queue in priority order whose head may start; null if none.</summary>
    public WireStart? Select(SimTime now)
    {
        foreach (int q in _order)
        {
            if (_rings[q].Count == 0) continue;
            var head = _rings[q].Peek();
            if (Start(q, head, now) != now) continue;
            _rings[q].Dequeue();
            var ready = Ungated(q, head, head.Fetched);
            var gateWait = _gates is null ? SimTime.Zero : SimTime.Min(now, Start(q, head, head.Fetched) ?? now) - ready;
            bool late = _launchTime[q] && head.Frame.LaunchTime != SimTime.Zero && now > head.Frame.LaunchTime;
            return new WireStart(head.Frame, q, head.GateWait + gateWait, late);
        }
        return null;
    }

    /// <summary>The first instant after <paramref name="now"/> at which a head that cannot start now may start (fetch done, launch time, gate); null if none.</summary>
    public SimTime? NextEligible(SimTime now)
    {
        SimTime? next = null;
        for (int q = 0; q < _rings.Length; q++)
        {
            if (_rings[q].Count == 0) continue;
            if (Start(q, _rings[q].Peek(), now) is { } start && start > now && (next is null || start < next)) next = start;
        }
        return next;
    }

    /// <summary>When the head may start, ignoring the gates: fetched, and at its launch time on a LaunchTime queue.</summary>
    private SimTime Ungated(int q, Slot head, SimTime from)
    {
        var t = SimTime.Max(from, head.Fetched);
        if (_launchTime[q] && head.Frame.LaunchTime != SimTime.Zero) t = SimTime.Max(t, head.Frame.LaunchTime);
        return t;
    }

    private SimTime? Start(int q, Slot head, SimTime from)
    {
        var t = Ungated(q, head, from);
        if (_gates is null || _layout is null || _layout.ClassOfQueue(q) is var tc && tc < 0) return t;
        var duration = EthernetLink.WireTime(head.Frame.Bytes, _bytesPerSecond);
        return _gates.EarliestStart(tc, t, duration, SimTime.Zero);
    }
}
