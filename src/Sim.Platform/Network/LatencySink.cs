using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// The receiving application where no virtio device is in the path (the host itself, or a guest with a passed-through
/// NIC under VFIO): records the latency of time-sensitive frames from their sent-at stamp, and counts every frame.
/// Metrics: <c>rxPackets</c>, <c>rxBytes</c>, <c>rxLatency</c> (timed frames only), as a virtio-net driver names them.
/// </summary>
public sealed class LatencySink : Actor
{
    private readonly Counter _packets, _bytes;
    private readonly LatencyHistogram _latency;

    /// <summary>A sink with its metrics.</summary>
    public LatencySink()
    {
        _packets = NewCounter("rxPackets");
        _bytes = NewCounter("rxBytes", "B");
        _latency = NewLatencyHistogram("rxLatency");
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not NetFrame frame)
        {
            Unhandled(message);
            return;
        }
        _packets.Increment();
        _bytes.Add(frame.Bytes);
        if (frame.Timed) _latency.Record(Now - frame.SentAt);
    }
}
