using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// A sending host's transmit queues and its Ethernet link (IEEE 802.3): frames are serialised one at a time at the
/// link rate with <see cref="WireOverheadBytes"/> of preamble, FCS and inter-frame gap each, then arrive at
/// the receiving end after the propagation and PHY latency. Two classes as an mqprio + etf set-up gives them:
/// time-sensitive frames (<see cref="NetFrame.Timed"/>) have their own queue, served first, so they never queue behind
/// bulk traffic, but a bulk frame already on the wire finishes first (no preemption without 802.1Qbu); bulk frames wait
/// in a FIFO of <c>queueLimit</c> (txqueuelen) and are tail-dropped beyond it.
/// A dropped bulk frame of a flow that listens (its <see cref="FlowFeedback"/>) is reported to its source as a <see cref="FlowLoss"/>
/// (local congestion).
/// Metrics: <c>bulkQueue</c>, <c>utilization</c>, <c>frames</c>, <c>dropped</c>.
/// </summary>
public sealed class EthernetLink : Actor
{
    /// <summary>Preamble and SFD (8), FCS (4) and the minimum inter-frame gap (12) per frame (IEEE 802.3 clauses 3, 4).</summary>
    public const int WireOverheadBytes = 24;

    /// <summary>How long a frame of <paramref name="frameBytes"/> occupies a link of <paramref name="bytesPerSecond"/>, its <see cref="WireOverheadBytes"/> included.</summary>
    public static SimTime WireTime(long frameBytes, long bytesPerSecond) => SimTime.ForBytesAtRate(frameBytes + WireOverheadBytes, bytesPerSecond);

    private sealed class Idle { public static readonly Idle Instance = new(); }

    private readonly Queue<NetFrame> _timed = new(), _bulk = new();
    private bool _busy;
    private readonly long _bytesPerSecond;
    private readonly SimTime _propagation;
    private readonly int _queueLimit;
    private readonly ActorRef _next;
    private readonly FlowFeedback _feedback;
    private readonly TimeWeightedGauge _bulkQueue, _utilization;
    private readonly Counter _frames, _dropped;
    private readonly Sim.Core.Costs.CostLedger _ledger;
    private static readonly Sim.Core.Costs.CostKey WireKey = Sim.Core.Costs.CostKey.Of("net.host.link.perByte"),
        PropagationKey = Sim.Core.Costs.CostKey.Of("net.host.linkLatency");

    /// <summary>
    /// A link to <paramref name="next"/> (the receiving end); background flows' losses go through <paramref name="feedback"/>
    /// (<see cref="FlowFeedback.None"/> when no flow listens: open-loop flows).
    /// </summary>
    /// <param name="bytesPerSecond">Link rate in bytes per second (2.5GBASE-T: 312.5 MB/s).</param>
    /// <param name="propagation">Cable and PHY latency, sender's MAC to receiver's MAC.</param>
    /// <param name="queueLimit">Bulk frames that may wait.</param>
    /// <param name="next">The receiving end.</param>
    /// <param name="feedback">Where background flows' losses go.</param>
    public EthernetLink(long bytesPerSecond, SimTime propagation, int queueLimit, ActorRef next, FlowFeedback feedback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        if (next.IsNone) throw new ArgumentException("a link has a receiving end", nameof(next));
        _bytesPerSecond = bytesPerSecond;
        _propagation = propagation;
        _queueLimit = queueLimit;
        _next = next;
        _feedback = feedback ?? throw new ArgumentNullException(nameof(feedback));
        _bulkQueue = NewGauge("bulkQueue");
        _utilization = NewGauge("utilization");
        _frames = NewCounter("frames");
        _dropped = NewCounter("dropped");
        _ledger = NewLedger();
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is Idle)
        {
            _busy = false;
            StartNext();
            return;
        }
        if (message is not NetFrame frame)
        {
            Unhandled(message);
            return;
        }
        if (frame.Timed) _timed.Enqueue(frame);
        else if (_bulk.Count >= _queueLimit)
        {
            _dropped.Increment();
            if (_feedback.TryGetSource(frame, out var source)) Send(source, new FlowLoss(frame.Sequence), _feedback.ReturnDelay);
            return;
        }
        else
        {
            _bulk.Enqueue(frame);
            _bulkQueue.Set(Now, _bulk.Count);
        }
        if (!_busy) StartNext();
    }

    private void StartNext()
    {
        NetFrame frame;
        if (_timed.Count > 0) frame = _timed.Dequeue();
        else if (_bulk.Count > 0)
        {
            frame = _bulk.Dequeue();
            _bulkQueue.Set(Now, _bulk.Count);
        }
        else
        {
            _utilization.Set(Now, 0);
            return;
        }
        _busy = true;
        _utilization.Set(Now, 1);
        _frames.Increment();
        var serialisation = WireTime(frame.Bytes, _bytesPerSecond);
        _ledger.Busy(new Sim.Core.Costs.CostCharge(WireKey, frame.Bytes + WireOverheadBytes, serialisation));
        _ledger.Delay(new Sim.Core.Costs.CostCharge(PropagationKey, 1, _propagation));
        Send(Self, Idle.Instance, serialisation);
        Send(_next, frame, serialisation + _propagation);
    }
}
