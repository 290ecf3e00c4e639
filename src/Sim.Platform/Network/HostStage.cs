using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// One stage of a Linux host's receive path (NIC driver and softirq, bridge, tap, macvtap, Open vSwitch datapath, an XDP
/// program) as a single server with a bounded FIFO in front: frames beyond <c>queueLimit</c> waiting are tail-dropped
/// (the txqueuelen / netdev backlog of Linux); an idle stage whose thread must be woken starts after an exponential
/// delay of mean <see cref="HostStageCosts.WakeupMean"/> (frames arriving meanwhile join the batch); each frame then
/// occupies it for <see cref="HostStageCosts.PerPacket"/> and goes on to the next actor after
/// <see cref="HostStageCosts.Latency"/> (constant, so order is kept).
/// On a host thread (<see cref="RunOnCpu"/>) the per-packet work is CPU work of that thread on the host's cores
/// (<see cref="CpuCores"/>), so the stage waits whenever its thread waits for a core; its wake-up is then the
/// scheduler's and <see cref="HostStageCosts.WakeupMean"/> is not drawn. Stages that name the same thread share it
/// (one softirq context running the NIC, the bridge and the tap); a poll-mode stage's thread polls
/// (<see cref="CpuThreadSpec.Polls"/>).
/// A tail-dropped background frame of a flow that listens (its <see cref="FlowFeedback"/>) is reported to its source as a
/// <see cref="FlowLoss"/>, and, if it acknowledges delivery (the last stage before the receiver), every such
/// frame it hands on is acknowledged with a <see cref="FlowAck"/> (TCP-like flows, <see cref="TcpFlowSource"/>).
/// Metrics: <c>queue</c> (frames waiting, time-weighted), <c>utilization</c>, <c>served</c>, <c>dropped</c>,
/// <c>timedDropped</c> (time-sensitive frames among them), and the <c>costs</c> ledger (per packet busy, hand-off and
/// wake-up delays, under the stage's profile entries).
/// </summary>
public sealed class HostStage : Actor
{
    private sealed class Wake { public static readonly Wake Instance = new(); }

    private sealed class Done { public static readonly Done Instance = new(); }

    private readonly Queue<NetFrame> _waiting = new();
    private bool _busy, _sleeping;
    private NetFrame? _inService;
    private ActorRef _cpus;
    private int _thread = -1;
    private readonly HostStageCosts _costs;
    private readonly int _queueLimit;
    private readonly ActorRef _next;
    private readonly FlowFeedback _feedback;
    private readonly bool _acknowledgesDelivery;
    private readonly TimeWeightedGauge _queue, _utilization;
    private readonly Counter _served, _dropped, _timedDropped;
    private readonly Sim.Core.Costs.CostLedger _ledger;
    private readonly Sim.Core.Costs.CostKey _perPacketKey, _latencyKey, _wakeupKey;

    /// <summary>
    /// A stage with <paramref name="costs"/> and room for <paramref name="queueLimit"/> waiting frames, handing frames on
    /// to <paramref name="next"/>; background flows' losses and ACKs go through <paramref name="feedback"/>
    /// (<see cref="FlowFeedback.None"/> when no flow listens); frames leaving it count as delivered (ACKed to their
    /// source) when <paramref name="acknowledgesDelivery"/> (the last stage before the receiver).
    /// </summary>
    public HostStage(HostStageCosts costs, int queueLimit, ActorRef next, FlowFeedback feedback, bool acknowledgesDelivery = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        if (next.IsNone) throw new ArgumentException("a host stage hands its frames on to an actor", nameof(next));
        _costs = costs;
        _queueLimit = queueLimit;
        _next = next;
        _feedback = feedback ?? throw new ArgumentNullException(nameof(feedback));
        _acknowledgesDelivery = acknowledgesDelivery;
        _queue = NewGauge("queue");
        _utilization = NewGauge("utilization");
        _served = NewCounter("served");
        _dropped = NewCounter("dropped");
        _timedDropped = NewCounter("timedDropped");
        _ledger = NewLedger();
        _perPacketKey = Sim.Core.Costs.CostKey.Of(costs.Prefix + ".perPacket");
        _latencyKey = Sim.Core.Costs.CostKey.Of(costs.Prefix + ".latency");
        _wakeupKey = Sim.Core.Costs.CostKey.Of(costs.Prefix + ".wakeup");
    }

    /// <summary>
    /// Runs the stage's per-packet work on thread <paramref name="thread"/> of <paramref name="cpus"/> (a
    /// <see cref="CpuCores"/>) from now on; called while the world is built.
    /// </summary>
    public void RunOnCpu(ActorRef cpus, int thread)
    {
        if (cpus.IsNone) throw new ArgumentException("a stage on a host thread needs the host's cores", nameof(cpus));
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        _cpus = cpus;
        _thread = thread;
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case CpuWorkDone:
                var served = _inService ?? throw new InvalidOperationException($"{Id} was told its CPU work is done with no frame in service");
                _inService = null;
                HandOn(served, _costs.Latency);
                _busy = false;
                ServeNext();
                break;
            case NetFrame frame:
                if (_waiting.Count >= _queueLimit)
                {
                    _dropped.Increment();
                    if (frame.Timed) _timedDropped.Increment();
                    if (_feedback.TryGetSource(frame, out var source)) Send(source, new FlowLoss(frame.Sequence), _feedback.ReturnDelay);
                    return;
                }
                _waiting.Enqueue(frame);
                _queue.Set(Now, _waiting.Count);
                if (_busy || _sleeping) return;
                if (_costs.WakeupMean > SimTime.Zero && _thread < 0)
                {
                    _sleeping = true;
                    var delay = new SimTime((long)Random.NextExponential(_costs.WakeupMean.Picoseconds));
                    _ledger.Delay(new Sim.Core.Costs.CostCharge(_wakeupKey, 1, delay));
                    SetTimer(Wake.Instance, Wake.Instance, delay);
                    return;
                }
                ServeNext();
                break;
            case Wake:
                _sleeping = false;
                ServeNext();
                break;
            case Done:
                _busy = false;
                ServeNext();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void ServeNext()
    {
        if (_waiting.Count == 0)
        {
            _utilization.Set(Now, 0);
            return;
        }
        var frame = _waiting.Dequeue();
        _queue.Set(Now, _waiting.Count);
        _busy = true;
        _utilization.Set(Now, 1);
        _served.Increment();
        _ledger.Busy(new Sim.Core.Costs.CostCharge(_perPacketKey, 1, _costs.PerPacket));
        if (_costs.Latency > SimTime.Zero) _ledger.Delay(new Sim.Core.Costs.CostCharge(_latencyKey, 1, _costs.Latency));
        if (_thread >= 0)
        {
            // Keep the core while frames wait: the next one is asked for at the reply's instant.
            _inService = frame;
            Send(_cpus, new CpuWork(_thread, _costs.PerPacket, 0, Hold: _waiting.Count > 0));
            return;
        }
        Send(Self, Done.Instance, _costs.PerPacket);
        HandOn(frame, _costs.PerPacket + _costs.Latency);
    }

    private void HandOn(NetFrame frame, SimTime after)
    {
        Send(_next, frame, after);
        if (_acknowledgesDelivery && _feedback.TryGetSource(frame, out var source))
            Send(source, new FlowAck(frame.Sequence), after + _feedback.ReturnDelay);
    }
}
