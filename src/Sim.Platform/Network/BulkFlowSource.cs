using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// A netperf TCP_STREAM-like background flow, open loop: full-size frames at an average of <c>bytesPerSecond</c>,
/// with exponential gaps (several senders' segments interleave irregularly), sent to the next actor (the link's bulk
/// queue). Not time-sensitive: receivers do not record its latency. A scenario's <c>background.kind: open</c>; it ignores
/// drops (the default <c>tcp</c> kind is <see cref="TcpFlowSource"/>, which backs off on them).
/// Metrics: <c>sent</c>.
/// </summary>
public sealed class BulkFlowSource : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private readonly int _flow;
    private readonly long _frameBytes;
    private readonly double _meanGap;
    private readonly ActorRef _next;
    private readonly Counter _sent;
    private long _sequence;

    /// <summary>The socket priority (<c>SO_PRIORITY</c>) on its frames, for the sender's qdiscs; 0 by default.</summary>
    public int Priority { get; init; }

    /// <summary>A flow sending to <paramref name="next"/>.</summary>
    /// <param name="flow">The flow id (also the receive-queue steering hash).</param>
    /// <param name="frameBytes">Frame length (an MSS-sized segment with its headers).</param>
    /// <param name="bytesPerSecond">Average rate.</param>
    /// <param name="next">Where frames go.</param>
    public BulkFlowSource(int flow, long frameBytes, double bytesPerSecond, ActorRef next)
    {
        if (next.IsNone) throw new ArgumentException("a flow sends its frames to an actor", nameof(next));
        _flow = flow;
        _frameBytes = frameBytes;
        _meanGap = frameBytes / bytesPerSecond * SimTime.PicosPerSecond;
        _next = next;
        _sent = NewCounter("sent");
    }

    /// <inheritdoc />
    protected override void OnStart()
    {
        SetTimer(Tick.Instance, Tick.Instance, Gap());
    }

    private SimTime Gap() => new((long)Random.NextExponential(_meanGap));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Tick) Unhandled(message);
        _sent.Increment();
        Send(_next, new NetFrame(_frameBytes, Now, ++_sequence, _flow, Timed: false, Priority: Priority));
        SetTimer(Tick.Instance, Tick.Instance, Gap());
    }
}
