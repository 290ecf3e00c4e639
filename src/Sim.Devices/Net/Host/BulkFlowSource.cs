using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net.Device;

namespace Sim.Devices.Net.Host;

/// <summary>
/// A netperf TCP_STREAM-like background flow, open loop: full-size frames at an average of <c>bytesPerSecond</c>,
/// with exponential gaps (several senders' segments interleave irregularly), sent to <see cref="Next"/> (the link's bulk
/// queue). Not time-sensitive: receivers do not record its latency. A scenario's <c>background.kind: open</c>; it ignores
/// drops (the default <c>tcp</c> kind is <see cref="TcpFlowSource"/>, which backs off on them).
/// Metrics: <c>sent</c>.
/// </summary>
/// <param name="flow">The flow id (also the receive-queue steering hash).</param>
/// <param name="frameBytes">Frame length (an MSS-sized segment with its headers).</param>
/// <param name="bytesPerSecond">Average rate.</param>
public sealed class BulkFlowSource(int flow, long frameBytes, double bytesPerSecond) : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private readonly double _meanGap = frameBytes / bytesPerSecond * SimTime.PicosPerSecond;
    private long _sequence;
    private Counter? _sent;

    /// <summary>Where frames go; set by the world builder (required: a run without it stops at time zero).</summary>
    public ActorRef Next { get; set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        RequireWired(Next);
        _sent = NewCounter("sent");
        SetTimer(Tick.Instance, Tick.Instance, Gap());
    }

    private SimTime Gap() => new((long)Random.NextExponential(_meanGap));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Tick) Unhandled(message);
        _sent!.Increment();
        Send(Next, new NetFrame(frameBytes, Now, ++_sequence, flow, Timed: false));
        SetTimer(Tick.Instance, Tick.Instance, Gap());
    }
}
