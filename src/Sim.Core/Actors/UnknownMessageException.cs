namespace Sim.Core.Actors;

/// <summary>
/// An actor was sent a message it does not handle: a bug in the model (a sender wired to the wrong actor, a message
/// type added on one side only), never modelled misbehaviour, which is a <see cref="Running.Finding"/>. Thrown by
/// <see cref="Actor.Unhandled"/>, the last case of every handler; the kernel stops the run with a
/// <see cref="Running.ActorFailedException"/> naming the actor, the simulated time and the message type.
/// </summary>
public sealed class UnknownMessageException : Exception
{
    /// <summary>Actor <paramref name="actor"/> was sent a <paramref name="messageType"/>, which it does not handle.</summary>
    public UnknownMessageException(string actor, string messageType)
        : base($"actor '{actor}' does not handle {messageType}")
    {
        Actor = actor;
        MessageType = messageType;
    }

    /// <summary>The path of the actor that got the message.</summary>
    public string Actor { get; }

    /// <summary>The type name of the message.</summary>
    public string MessageType { get; }
}
