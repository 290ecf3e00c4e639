using Sim.Core.Actors;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// The return path of a TCP-like background flow (RFC 5681, 9293): <see cref="FlowAck"/> tells the flow's source that
/// frame <c>Sequence</c> reached the receiver, <see cref="FlowLoss"/> that it was tail-dropped on the way (what the
/// sender learns from duplicate ACKs). Sent by the delivering <see cref="HostStage"/> or the dropping stage or link.
/// </summary>
/// <param name="Sequence">The frame's sequence number within its flow.</param>
public sealed record FlowAck(long Sequence);

/// <summary>A background frame of the flow was tail-dropped (see <see cref="FlowAck"/>); the source treats it as a loss.</summary>
/// <param name="Sequence">The frame's sequence number within its flow.</param>
public sealed record FlowLoss(long Sequence);

/// <summary>
/// Where a host stage or link sends the feedback of background flows: the source actor of each flow id, and the
/// one-way delay of the return path (the ACK crossing back to host1: <c>net.host.tcp.ackDelay</c>). Set by the world
/// builder on every stage and link (required); <see cref="None"/> says that no flow listens (open-loop flows), so no
/// stage goes without feedback merely because nobody wired it.
/// </summary>
/// <param name="Sources">The source actor of each flow id.</param>
/// <param name="ReturnDelay">One-way delay of the ACK path back to the sender.</param>
public sealed record FlowFeedback(IReadOnlyDictionary<int, ActorRef> Sources, SimTime ReturnDelay)
{
    /// <summary>No flow listens: every background flow is open loop, and drops and deliveries are reported to nobody.</summary>
    public static FlowFeedback None { get; } = new(new Dictionary<int, ActorRef>(), SimTime.Zero);

    /// <summary>The source of <paramref name="frame"/>'s flow, if it is a background frame of a flow that listens.</summary>
    public bool TryGetSource(NetFrame frame, out ActorRef source)
    {
        source = default;
        return !frame.Timed && Sources.TryGetValue(frame.Flow, out source);
    }
}
