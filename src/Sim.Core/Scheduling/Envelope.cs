using Sim.Core.Actors;

namespace Sim.Core.Scheduling;

/// <summary>
/// A scheduled message in flight: its ordering key (time, sender's order key, sender's send counter; see
/// <see cref="EventOrder"/>), its target and sender, and the immutable message. The key is complete in itself, so an
/// envelope can move between logical processes (threads or MPI ranks) and still sort the same way. Inside a queue an
/// envelope is kept as two parts, an <see cref="EventKey"/> that is sorted and a <see cref="EventPayload"/> that is not;
/// actors' sends skip the envelope and hand the parts straight to the queue.
/// </summary>
internal struct Envelope
{
    /// <summary>Delivery time in picoseconds.</summary>
    public long Time;
    /// <summary>The sender's <see cref="ActorId.OrderKey"/>.</summary>
    public ulong SenderKey;
    /// <summary>The sender's own send counter for this message.</summary>
    public long Sequence;
    /// <summary>The receiving actor.</summary>
    public Actor Target;
    /// <summary>The sending actor; null for set-up events.</summary>
    public Actor? Sender;
    /// <summary>The message: an immutable object.</summary>
    public object Message;
    /// <summary>True when this is a timer, which its owner may have cancelled since.</summary>
    public bool IsTimer;
}
