using Sim.Core.Actors;
using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// A handler threw: a bug in the simulator's model code (modelled misbehaviour is reported as a <see cref="Finding"/>
/// instead). Names the actor, the simulated time and the message so the failure can be reproduced from the seed. A
/// message the actor does not handle (<see cref="UnknownMessageException"/>) is the model bug the kernel itself names
/// (a world with an actor reserved and never added does not start: <see cref="ReservedActorMissingException"/>); an actor that throws in its
/// <c>OnStart</c> or <c>OnRunEnd</c> is named with <see cref="Starting"/> or <see cref="Ending"/> as its message type.
/// </summary>
public sealed class ActorFailedException : Exception
{
    /// <summary>The <see cref="MessageType"/> of a failure in an actor's <c>OnStart</c>, before any message.</summary>
    public const string Starting = "OnStart";

    /// <summary>The <see cref="MessageType"/> of a failure in an actor's <c>OnRunEnd</c>, after the last message.</summary>
    public const string Ending = "OnRunEnd";

    /// <summary>Wraps <paramref name="inner"/>, thrown by <paramref name="actor"/> while handling <paramref name="messageType"/>.</summary>
    public ActorFailedException(string actor, SimTime time, string messageType, Exception inner)
        : base(Describe(actor, time, messageType, inner), inner)
    {
        Actor = actor;
        Time = time;
        MessageType = messageType;
    }

    /// <summary>The failing actor's path.</summary>
    public string Actor { get; }

    /// <summary>When it failed.</summary>
    public SimTime Time { get; }

    /// <summary>The type name of the message being handled (or <see cref="Starting"/>, <see cref="Ending"/>).</summary>
    public string MessageType { get; }

    private static string Describe(string actor, SimTime time, string messageType, Exception inner) => inner switch
    {
        UnknownMessageException => $"actor '{actor}' got a message it does not handle at {time}: {messageType} (an unknown message is a model bug, never dropped)",
        _ when messageType is Starting or Ending => $"actor '{actor}' failed at {time} in {messageType}: {inner.Message}",
        _ => $"actor '{actor}' failed at {time} handling {messageType}: {inner.Message}",
    };
}
