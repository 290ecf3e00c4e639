using Sim.Core.Actors;

namespace Sim.Core.Scheduling;

/// <summary>
/// What a queued event delivers: its target, its sender and its message. Kept in a <see cref="PayloadSlab"/>, apart
/// from the <see cref="EventKey"/>s that the queue moves around, so it is written once when the event is queued and
/// read once when it is delivered.
/// </summary>
internal struct EventPayload
{
    /// <summary>The receiving actor.</summary>
    public Actor Target;
    /// <summary>The sending actor; null for set-up events.</summary>
    public Actor? Sender;
    /// <summary>The message: an immutable object.</summary>
    public object Message;
}
