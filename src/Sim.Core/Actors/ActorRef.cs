namespace Sim.Core.Actors;

/// <summary>
/// A handle to send messages to an actor. Models hold refs, never the actor objects themselves, so that an actor's state
/// is reachable only through messages (and so that a ref can later name an actor in another logical process). A ref may
/// name an actor not yet added (<see cref="Running.Simulation.Reserve"/>): a send through it reaches the actor added
/// under the reserved path, and a run does not start while a reserved path has no actor.
/// </summary>
public readonly struct ActorRef : IEquatable<ActorRef>
{
    private readonly ActorSlot? _slot;

    internal ActorRef(ActorSlot? slot) => _slot = slot;

    /// <summary>The actor named; null for none or for a reservation not yet filled.</summary>
    internal Actor? Actor => _slot?.Actor;

    /// <summary>Whether this ref names no actor (the default value, or the sender of a set-up event).</summary>
    public bool IsNone => _slot is null;

    /// <summary>The id of the actor this ref names (the reserved path's, before the actor is added); <see cref="ActorId.Kernel"/> for none.</summary>
    public ActorId Id => _slot?.Id ?? ActorId.Kernel;

    /// <summary>A ref that names no actor.</summary>
    public static ActorRef None => default;

    /// <inheritdoc />
    public bool Equals(ActorRef other) =>
        ReferenceEquals(_slot, other._slot) || (_slot?.Actor is { } actor && ReferenceEquals(actor, other._slot?.Actor));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _slot is null ? 0 : _slot.Id.GetHashCode();

    /// <summary>Same actor.</summary>
    public static bool operator ==(ActorRef a, ActorRef b) => a.Equals(b);

    /// <summary>Different actors.</summary>
    public static bool operator !=(ActorRef a, ActorRef b) => !a.Equals(b);

    /// <inheritdoc />
    public override string ToString() => Id.Path;
}
