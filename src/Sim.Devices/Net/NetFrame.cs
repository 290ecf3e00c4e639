using Sim.Core.Time;

namespace Sim.Devices.Net;

/// <summary>
/// An Ethernet frame travelling between host-side actors and a virtio-net device (virtio 1.2, 5.1.6: the frame is what
/// follows the <c>virtio_net_hdr_v1</c> in a buffer). Its first bytes carry the sender's timestamp and sequence number
/// (<see cref="NetPayload"/>), which the receiving guest reads back from its buffer to measure latency.
/// </summary>
/// <param name="Bytes">Frame length (Ethernet header and payload, no FCS).</param>
/// <param name="SentAt">When the sending application handed the frame to its stack.</param>
/// <param name="Sequence">The sender's sequence number within its flow.</param>
/// <param name="Flow">The flow the frame belongs to (a steering hash for multiqueue).</param>
/// <param name="Timed">Whether it is a time-sensitive sample whose latency the receiver records.</param>
/// <param name="Priority">
/// The socket priority (<c>skb->priority</c>, <c>SO_PRIORITY</c>, socket(7)) that a sending host's traffic control maps to
/// a band or traffic class; 0 by default.
/// </param>
/// <param name="LaunchTime">
/// The transmit time the application asked for with <c>SO_TXTIME</c> (<c>skb->tstamp</c>, tc-etf(8)); <see cref="SimTime.Zero"/>
/// means none.
/// </param>
public sealed record NetFrame(long Bytes, SimTime SentAt, long Sequence, int Flow = 0, bool Timed = true, int Priority = 0,
    SimTime LaunchTime = default)
{
    /// <summary>
    /// When the receiving host's NIC took the frame in: its hardware receive timestamp (<c>SO_TIMESTAMPING</c>
    /// <c>SOF_TIMESTAMPING_RX_HARDWARE</c>, Linux Documentation/networking/timestamping.rst), set only where the path
    /// stamps its time-sensitive frames; <see cref="SimTime.Zero"/> when not stamped.
    /// </summary>
    public SimTime NicArrival { get; init; }
}
