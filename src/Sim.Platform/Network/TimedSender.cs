using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network.TrafficControl;

namespace Sim.Platform.Network;

/// <summary>
/// A time-sensitive sample application on the sending host (the STR-68 set-up): one frame of <c>frameBytes</c> every
/// <c>period</c> from a random phase (or a given one, <see cref="Phase"/>), stamped with the time the application sends it, reaching the next actor (the
/// link's time-sensitive queue) after the send path of the host stack (<c>stack</c>: syscall, UDP/IP, qdisc, driver).
/// Metrics: <c>sent</c>.
/// </summary>
public sealed class TimedSender : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private static readonly Sim.Core.Costs.CostKey StackKey = Sim.Core.Costs.CostKey.Of("net.host.txStack");
    private readonly SimTime _period, _stack;
    private readonly long _frameBytes;
    private readonly int _flow;
    private readonly ActorRef _next;
    private readonly Counter _sent;
    private readonly Sim.Core.Costs.CostLedger _ledger;
    private long _sequence;

    /// <summary>Its socket's options (<c>SO_PRIORITY</c>, <c>SO_TXTIME</c>) for the sender's qdiscs; none by default.</summary>
    public SocketOptions Socket { get; init; } = SocketOptions.None;

    /// <summary>A sample application sending to <paramref name="next"/>.</summary>
    /// <param name="period">Time between frames.</param>
    /// <param name="frameBytes">Frame length.</param>
    /// <param name="stack">Send-path latency to the link.</param>
    /// <param name="next">Where frames go.</param>
    /// <param name="flow">The flow id carried in the frames.</param>
    public TimedSender(SimTime period, long frameBytes, SimTime stack, ActorRef next, int flow = 0)
    {
        if (next.IsNone) throw new ArgumentException("a sender sends its frames to an actor", nameof(next));
        _period = period;
        _frameBytes = frameBytes;
        _stack = stack;
        _next = next;
        _flow = flow;
        _sent = NewCounter("sent");
        _ledger = NewLedger();
    }

    /// <summary>
    /// When the first frame is sent (every later one a period after the one before): a fixed phase, for an application
    /// aligned with a gate schedule's cycle; null (the default) for a random one.
    /// </summary>
    public SimTime? Phase { get; init; }

    /// <inheritdoc />
    protected override void OnStart() =>
        SetTimer(Tick.Instance, Tick.Instance, Phase ?? new SimTime((long)Random.NextUInt64((ulong)_period.Picoseconds)));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Tick) Unhandled(message);
        _sent.Increment();
        _ledger.Delay(new Sim.Core.Costs.CostCharge(StackKey, 1, _stack));
        Send(_next, Socket.Apply(new NetFrame(_frameBytes, Now, ++_sequence, _flow, Timed: true)), _stack);
        SetTimer(Tick.Instance, Tick.Instance, _period);
    }
}
