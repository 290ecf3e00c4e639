using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// A handler threw: a bug in the simulator's model code (modelled misbehaviour is reported as a <see cref="Finding"/>
/// instead). Names the actor, the simulated time and the message so the failure can be reproduced from the seed.
/// </summary>
public sealed class ActorFailedException : Exception
{
    /// <summary>Wraps <paramref name="inner"/>, thrown by <paramref name="actor"/> while handling <paramref name="messageType"/>.</summary>
    public ActorFailedException(string actor, SimTime time, string messageType, Exception inner)
        : base($"actor '{actor}' failed at {time} handling {messageType}: {inner.Message}", inner)
    {
        Actor = actor;
        Time = time;
        MessageType = messageType;
    }

    /// <summary>The failing actor's path.</summary>
    public string Actor { get; }

    /// <summary>When it failed.</summary>
    public SimTime Time { get; }

    /// <summary>The type name of the message being handled.</summary>
    public string MessageType { get; }
}
