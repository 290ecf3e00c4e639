namespace Sim.Core.Running;

/// <summary>
/// A world was run with paths reserved (<see cref="Simulation.Reserve"/>) for actors that were never added: a bug in the
/// world builder, found before time zero, instead of a message sent to nobody later. Names every such path.
/// </summary>
public sealed class ReservedActorMissingException : Exception
{
    /// <summary>The paths <paramref name="paths"/> were reserved and never added.</summary>
    public ReservedActorMissingException(IReadOnlyList<string> paths)
        : base($"actors reserved but never added (a model bug): {string.Join(", ", paths.Select(p => $"'{p}'"))}")
    {
        Paths = paths;
    }

    /// <summary>The reserved paths that have no actor, in ordinal order.</summary>
    public IReadOnlyList<string> Paths { get; }
}
