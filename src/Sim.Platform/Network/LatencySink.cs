using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// The receiving application where no virtio device is in the path (the host itself, or a guest with a passed-through
/// NIC under VFIO): records the latency of time-sensitive frames from their sent-at stamp, and counts every frame.
/// Metrics: <c>rxPackets</c>, <c>rxBytes</c>, <c>rxLatency</c> (timed frames only), as a virtio-net driver names them.
/// With <see cref="ReadsNicTimestamp"/> the latency ends at the NIC's hardware receive timestamp instead of the frame's
/// arrival here, as a receiver that asks for <c>SOF_TIMESTAMPING_RAW_HARDWARE</c> measures it (Intel's
/// sample-app-taprio does).
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

    /// <summary>Whether a frame's latency ends at its <see cref="NetFrame.NicArrival"/> stamp rather than now. Set while the world is built.</summary>
    public bool ReadsNicTimestamp { get; init; }

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
        if (!frame.Timed) return;
        if (!ReadsNicTimestamp)
        {
            _latency.Record(Now - frame.SentAt);
            return;
        }
        if (frame.NicArrival == SimTime.Zero)
            throw new InvalidOperationException($"{Id} reads the NIC's receive timestamp, and frame {frame.Sequence} reached it without one");
        _latency.Record(frame.NicArrival - frame.SentAt);
    }
}
