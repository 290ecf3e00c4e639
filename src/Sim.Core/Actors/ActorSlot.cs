namespace Sim.Core.Actors;

/// <summary>
/// The one indirection behind an <see cref="ActorRef"/>: the actor a ref names, filled when the actor is added. Every
/// actor has its own slot; <see cref="Running.Simulation.Reserve"/> makes an empty one for an actor added later under
/// a path, so two actors that send to each other (a driver and its backend, a chain whose last stage feeds back) can
/// each be given the other's ref in their constructors.
/// </summary>
internal sealed class ActorSlot
{
    /// <summary>An actor's own slot.</summary>
    public ActorSlot(Actor actor) => Actor = actor;

    /// <summary>A reservation for the actor to be added at <paramref name="id"/>.</summary>
    public ActorSlot(ActorId id) => ReservedId = id;

    /// <summary>The actor; null while a reservation is not yet filled.</summary>
    public Actor? Actor;

    /// <summary>The path reserved, for a reservation; null for an actor's own slot.</summary>
    public readonly ActorId? ReservedId;

    /// <summary>The id of the actor named: the actor's own once filled, else the reserved one.</summary>
    public ActorId Id => Actor?.Id ?? ReservedId ?? ActorId.Kernel;
}
