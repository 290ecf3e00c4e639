namespace Sim.Core.Actors;

/// <summary>
/// An actor starts without a collaborator the world builder had to give it (where its output goes, whom it answers):
/// a bug in the model, found at time zero by <see cref="Actor.RequireWired"/> in the actor's <c>OnStart</c>, before a
/// message could be sent nowhere. The kernel stops the run with a <see cref="Running.ActorFailedException"/> naming the
/// actor. A collaborator an actor may lack by design is documented as such on its property (e.g. a sink, or none).
/// </summary>
public sealed class ActorNotWiredException : Exception
{
    /// <summary>Actor <paramref name="actor"/> started with <paramref name="wiring"/> never set.</summary>
    public ActorNotWiredException(string actor, string wiring)
        : base($"actor '{actor}' was not wired: its {wiring} was never set by the world builder")
    {
        Actor = actor;
        Wiring = wiring;
    }

    /// <summary>The path of the actor that was not wired.</summary>
    public string Actor { get; }

    /// <summary>What was missing (the property or collaborator's name).</summary>
    public string Wiring { get; }
}
