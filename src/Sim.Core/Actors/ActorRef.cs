namespace Sim.Core.Actors;

/// <summary>
/// A handle to send messages to an actor. Models hold refs, never the actor objects themselves, so that an actor's state
/// is reachable only through messages (and so that a ref can later name an actor in another logical process).
/// </summary>
public readonly struct ActorRef : IEquatable<ActorRef>
{
    internal ActorRef(Actor actor) => Actor = actor;

    internal Actor? Actor { get; }

    /// <summary>Whether this ref names no actor (the default value, or the sender of a set-up event).</summary>
    public bool IsNone => Actor is null;

    /// <summary>The id of the actor this ref names; <see cref="ActorId.Kernel"/> for none.</summary>
    public ActorId Id => Actor?.Id ?? ActorId.Kernel;

    /// <summary>A ref that names no actor.</summary>
    public static ActorRef None => default;

    /// <inheritdoc />
    public bool Equals(ActorRef other) => ReferenceEquals(Actor, other.Actor);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Actor is null ? 0 : Actor.Id.GetHashCode();

    /// <summary>Same actor.</summary>
    public static bool operator ==(ActorRef a, ActorRef b) => a.Equals(b);

    /// <summary>Different actors.</summary>
    public static bool operator !=(ActorRef a, ActorRef b) => !a.Equals(b);

    /// <inheritdoc />
    public override string ToString() => Id.Path;
}
