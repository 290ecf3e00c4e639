using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// A sending host's transmit path below the socket: Linux traffic control (a qdisc tree built from a
/// <see cref="QdiscSpec"/>, <see cref="QdiscFactory"/>), the NIC's transmit queues, DMA and arbitration
/// (<see cref="NicTransmitQueues"/>), and the Ethernet wire (IEEE 802.3): a frame is serialised at the link rate with
/// <see cref="EthernetLink.WireOverheadBytes"/> of overhead, never preempted, and reaches <c>next</c> after the
/// propagation latency. Frames are classified by <see cref="NetFrame.Priority"/> and, for etf, carry
/// <see cref="NetFrame.LaunchTime"/>. The qdisc is run whenever a frame arrives, the wire frees, or its watchdog is due
/// (<see cref="IQdisc.NextEligible"/>), and gives the driver frames while the queue's ring has room. A dropped frame of a
/// flow that listens is reported to its source as a <see cref="FlowLoss"/> (<see cref="FlowFeedback"/>), as
/// <see cref="EthernetLink"/> does.
/// Metrics: <c>qdiscBacklog</c>, <c>txq{q}/queued</c> (in its qdisc) and <c>txq{q}/ring</c> per queue, <c>utilization</c>,
/// <c>frames</c>, <c>dropped</c> and by reason <c>overlimit</c>, <c>txtimeInvalid</c>, <c>txtimeMissed</c>, <c>maxSdu</c>;
/// <c>gateWait</c> (frames that waited for a closed gate), <c>launchLate</c>.
/// </summary>
public sealed class TransmitPort : Actor
{
    private sealed class WireIdle { public static readonly WireIdle Instance = new(); }

    private sealed class Wake { public static readonly Wake Instance = new(); }

    private static readonly CostKey WireKey = CostKey.Of("net.host.link.perByte"), PropagationKey = CostKey.Of("net.host.linkLatency"),
        DmaKey = CostKey.Of("net.host.nic.txDmaFetch");

    private readonly IQdisc _root;
    private readonly NicTransmitQueues _nic;
    private readonly SimTime _dmaFetch, _propagation;
    private readonly long _bytesPerSecond;
    private readonly ActorRef _next;
    private readonly FlowFeedback _feedback;
    private readonly List<DroppedFrame> _drops = new();
    private readonly TimeWeightedGauge _backlog, _utilization;
    private readonly TimeWeightedGauge[] _queueBacklog, _ringBacklog;
    private readonly Counter _frames, _dropped, _launchLate;
    private readonly Counter[] _byReason;
    private readonly LatencyHistogram _gateWait;
    private readonly CostLedger _ledger;
    private bool _busy;
    private long _offered;

    /// <summary>A port sending to <paramref name="next"/> through the qdisc tree <paramref name="qdisc"/> and the NIC <paramref name="nic"/>.</summary>
    /// <param name="qdisc">The root qdisc's configuration.</param>
    /// <param name="nic">The NIC's transmit side.</param>
    /// <param name="bytesPerSecond">Link rate in bytes per second (2.5GBASE-T: 312.5 MB/s).</param>
    /// <param name="propagation">Cable and PHY latency, sender's MAC to receiver's MAC.</param>
    /// <param name="next">The receiving end.</param>
    /// <param name="feedback">Where background flows' losses go.</param>
    public TransmitPort(QdiscSpec qdisc, NicTransmitSpec nic, long bytesPerSecond, SimTime propagation, ActorRef next, FlowFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(nic);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        if (next.IsNone) throw new ArgumentException("a transmit port has a receiving end", nameof(next));
        var plan = QdiscFactory.Build(qdisc, nic.TxQueues, bytesPerSecond);
        _root = plan.Root;
        _nic = new NicTransmitQueues(nic, plan, bytesPerSecond);
        _dmaFetch = nic.DmaFetch;
        _propagation = propagation;
        _bytesPerSecond = bytesPerSecond;
        _next = next;
        _feedback = feedback ?? throw new ArgumentNullException(nameof(feedback));
        _backlog = NewGauge("qdiscBacklog");
        _queueBacklog = Enumerable.Range(0, nic.TxQueues).Select(q => NewGauge($"txq{q}/queued")).ToArray();
        _ringBacklog = Enumerable.Range(0, nic.TxQueues).Select(q => NewGauge($"txq{q}/ring")).ToArray();
        _utilization = NewGauge("utilization");
        _frames = NewCounter("frames");
        _dropped = NewCounter("dropped");
        _byReason = Enum.GetValues<DropReason>().Select(r => NewCounter(char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..])).ToArray();
        _launchLate = NewCounter("launchLate");
        _gateWait = NewLatencyHistogram("gateWait");
        _ledger = NewLedger();
    }

    /// <summary>Frames received from senders.</summary>
    public long Offered => _offered;

    /// <summary>Frames put on the wire.</summary>
    public long Sent => _frames.Value;

    /// <summary>Frames dropped, for any reason.</summary>
    public long Dropped => _dropped.Value;

    /// <summary>Frames dropped for <paramref name="reason"/>.</summary>
    public long DroppedFor(DropReason reason) => _byReason[(int)reason].Value;

    /// <summary>Frames held in the qdisc tree and the NIC's rings (not yet on the wire).</summary>
    public int Held => _root.Backlog + _nic.Backlog;

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case NetFrame frame:
                _offered++;
                if (_root.Enqueue(frame, Now) is { } reason) Drop(frame, reason);
                break;
            case WireIdle:
                _busy = false;
                break;
            case Wake:
                break;
            default:
                Unhandled(message);
                return;
        }
        Run();
    }

    /// <summary>Runs the qdisc into the rings, starts the wire if idle, refills, and arms the watchdog.</summary>
    private void Run()
    {
        Fill();
        if (!_busy && _nic.Select(Now) is { } start)
        {
            StartWire(start);
            Fill();
        }
        if (!_busy) _utilization.Set(Now, 0);
        var wake = Mqprio.Earliest([_root.NextEligible(Now), _busy ? null : _nic.NextEligible(Now)]);
        if (wake is { } at && at > Now) SetTimer(Wake.Instance, Wake.Instance, at - Now);
        else CancelTimer(Wake.Instance);
        _backlog.Set(Now, _root.Backlog);
        for (int q = 0; q < _queueBacklog.Length; q++)
        {
            _queueBacklog[q].Set(Now, _root.BacklogOf(q));
            _ringBacklog[q].Set(Now, _nic.RingBacklog(q));
        }
    }

    private void Fill()
    {
        while (true)
        {
            _drops.Clear();
            var output = _root.Dequeue(Now, _nic.ReadyMask, _drops);
            foreach (var drop in _drops) Drop(drop.Frame, drop.Reason);
            if (output is not { } o) return;
            _nic.Post(o, Now);
            _ledger.Delay(new CostCharge(DmaKey, 1, _dmaFetch));
        }
    }

    private void StartWire(WireStart start)
    {
        var frame = start.Frame;
        _busy = true;
        _utilization.Set(Now, 1);
        _frames.Increment();
        if (start.GateWait > SimTime.Zero) _gateWait.Record(start.GateWait);
        if (start.LateLaunch) _launchLate.Increment();
        var serialisation = EthernetLink.WireTime(frame.Bytes, _bytesPerSecond);
        _ledger.Busy(new CostCharge(WireKey, frame.Bytes + EthernetLink.WireOverheadBytes, serialisation));
        _ledger.Delay(new CostCharge(PropagationKey, 1, _propagation));
        Send(Self, WireIdle.Instance, serialisation);
        Send(_next, frame, serialisation + _propagation);
    }

    private void Drop(NetFrame frame, DropReason reason)
    {
        _dropped.Increment();
        _byReason[(int)reason].Increment();
        if (_feedback.TryGetSource(frame, out var source)) Send(source, new FlowLoss(frame.Sequence), _feedback.ReturnDelay);
    }
}
