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
/// scheduler's and <see cref="HostStageCosts.WakeupMean"/> is not drawn. A NIC queue's stage may throttle its
/// interrupts instead (<see cref="Moderation"/>, igc's EITR): an idle stage then starts when its interrupt may be
/// raised. Stages that name the same thread share it (one softirq context running the NIC, the bridge and the tap); a
/// poll-mode stage's thread polls (<see cref="CpuThreadSpec.Polls"/>).
/// A tail-dropped background frame of a flow that listens (its <see cref="FlowFeedback"/>) is reported to its source as a
/// <see cref="FlowLoss"/>, and, if it acknowledges delivery (the last stage before the receiver), every such
/// frame it hands on is acknowledged with a <see cref="FlowAck"/> (TCP-like flows, <see cref="TcpFlowSource"/>).
/// Metrics: <c>queue</c> (frames waiting, time-weighted), <c>utilization</c>, <c>served</c>, <c>dropped</c>,
/// <c>timedDropped</c> (time-sensitive frames among them), and the <c>costs</c> ledger (per packet busy; hand-off,
/// wake-up and interrupt-throttle delays, under the stage's prefix: <c>PREFIX.perPacket</c>, <c>.latency</c>,
/// <c>.wakeup</c>, <c>.interrupt</c>, <c>.interruptThrottle</c>); with <see cref="Moderation"/>, <c>nicInterrupts</c>
/// (interrupts raised).
/// </summary>
public sealed class HostStage : Actor
{
    private sealed class Wake { public static readonly Wake Instance = new(); }

    private sealed class Done { public static readonly Done Instance = new(); }

    private readonly Queue<NetFrame> _waiting = new();
    private bool _busy, _sleeping;
    private readonly List<NetFrame> _inService = [];
    private readonly int _batch = 1;
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
    private readonly Sim.Core.Costs.CostKey _perPacketKey, _latencyKey, _wakeupKey, _throttleKey, _interruptKey;
    private readonly InterruptThrottle? _throttle;

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
        _throttleKey = Sim.Core.Costs.CostKey.Of(costs.Prefix + ".interruptThrottle");
        _interruptKey = Sim.Core.Costs.CostKey.Of(costs.Prefix + ".interrupt");
    }

    /// <summary>
    /// The stage's interrupts (a NIC receive queue's), or null (the default) when they are not modelled apart from its
    /// per-packet work and hand-off. With a <see cref="InterruptModeration"/>, a frame that finds the stage idle raises
    /// an interrupt, at once or, under throttling, when the interval allows (<see cref="InterruptThrottle"/>) instead of
    /// a wake-up; each interrupt costs <see cref="HostStageCosts.Interrupt"/> of the stage's CPU before its poll, and
    /// every poll that empties the queue updates an adaptive interval. Set while the world is built.
    /// </summary>
    public InterruptModeration? Moderation
    {
        get => _moderation;
        init
        {
            _moderation = value;
            _throttle = value is null ? null : new InterruptThrottle(value);
            _interrupts = value is null ? null : NewCounter("nicInterrupts");
        }
    }

    private readonly InterruptModeration? _moderation;
    private readonly Counter? _interrupts;
    private bool _interrupted;

    /// <summary>
    /// Whether the stage stamps each time-sensitive frame with its arrival (<see cref="NetFrame.NicArrival"/>), as a NIC
    /// with hardware receive timestamps does when the frame comes in from the wire: set on a path's first stage, the NIC's
    /// receive queue, when the receiving application reads that stamp. Set while the world is built.
    /// </summary>
    public bool StampsTimedArrivals { get; init; }

    /// <summary>
    /// Frames the stage takes at once, at most (1 by default): it serves up to this many waiting frames as one stretch of
    /// work (their per-packet costs together) and hands them on together when it ends, as a NAPI poll takes up to its
    /// budget (<c>napi_poll</c>, weight 64) and passes the list up (<c>netif_receive_skb_list</c>), or a PMD thread an
    /// rx burst (OVS <c>NETDEV_MAX_BURST</c>, 32). Set while the world is built.
    /// </summary>
    public int Batch
    {
        get => _batch;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _batch = value;
        }
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
                if (_inService.Count == 0) throw new InvalidOperationException($"{Id} was told its CPU work is done with no frame in service");
                foreach (var served in _inService) HandOn(served, _costs.Latency);
                _inService.Clear();
                _busy = false;
                ServeNext();
                break;
            case NetFrame frame:
                if (StampsTimedArrivals && frame.Timed) frame = frame with { NicArrival = Now };
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
                if (_throttle is not null)
                {
                    var interrupt = _throttle.EarliestInterrupt(Now);
                    if (interrupt > Now)
                    {
                        Sleep(_throttleKey, interrupt - Now);
                        return;
                    }
                    Interrupt();
                    ServeNext();
                    break;
                }
                if (_costs.WakeupMean > SimTime.Zero && _thread < 0)
                {
                    Sleep(_wakeupKey, new SimTime((long)Random.NextExponential(_costs.WakeupMean.Picoseconds)));
                    return;
                }
                ServeNext();
                break;
            case Wake:
                _sleeping = false;
                if (_throttle is not null) Interrupt();
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

    /// <summary>The idle stage starts after <paramref name="delay"/>, charged to its ledger under <paramref name="key"/>.</summary>
    private void Sleep(Sim.Core.Costs.CostKey key, SimTime delay)
    {
        _sleeping = true;
        _ledger.Delay(new Sim.Core.Costs.CostCharge(key, 1, delay));
        SetTimer(Wake.Instance, Wake.Instance, delay);
    }

    private void Interrupt()
    {
        _throttle!.Fire(Now);
        _interrupts!.Increment();
        _interrupted = true;
    }

    private void ServeNext()
    {
        if (_waiting.Count == 0)
        {
            _utilization.Set(Now, 0);
            _throttle?.PollComplete();
            return;
        }
        int count = Math.Min(_batch, _waiting.Count);
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            var taken = _waiting.Dequeue();
            bytes += taken.Bytes;
            _inService.Add(taken);
        }
        _throttle?.Count(count, bytes);
        _queue.Set(Now, _waiting.Count);
        _busy = true;
        _utilization.Set(Now, 1);
        _served.Add(count);
        var work = _costs.PerPacket * count;
        _ledger.Busy(new Sim.Core.Costs.CostCharge(_perPacketKey, count, work));
        if (_interrupted)
        {
            // The poll an interrupt started pays for the interrupt first.
            _interrupted = false;
            if (_costs.Interrupt > SimTime.Zero)
            {
                _ledger.Busy(new Sim.Core.Costs.CostCharge(_interruptKey, 1, _costs.Interrupt));
                work += _costs.Interrupt;
            }
        }
        if (_costs.Latency > SimTime.Zero) _ledger.Delay(new Sim.Core.Costs.CostCharge(_latencyKey, count, _costs.Latency * count));
        if (_thread >= 0)
        {
            // Keep the core while frames wait: the next ones are asked for at the reply's instant.
            Send(_cpus, new CpuWork(_thread, work, 0, Hold: _waiting.Count > 0));
            return;
        }
        Send(Self, Done.Instance, work);
        foreach (var frame in _inService) HandOn(frame, work + _costs.Latency);
        _inService.Clear();
    }

    private void HandOn(NetFrame frame, SimTime after)
    {
        Send(_next, frame, after);
        if (_acknowledgesDelivery && _feedback.TryGetSource(frame, out var source))
            Send(source, new FlowAck(frame.Sequence), after + _feedback.ReturnDelay);
    }
}
