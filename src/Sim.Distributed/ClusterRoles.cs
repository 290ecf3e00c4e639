namespace Sim.Distributed;

/// <summary>The names a distributed study's nodes agree on: the actor system, the roles, the actors' names.</summary>
public static class ClusterRoles
{
    /// <summary>The actor system's name, the same on every node (it is part of every address).</summary>
    public const string SystemName = "virtiosim";

    /// <summary>The role of the node that runs <c>sim sweep --cluster</c>.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The role of a node that runs <c>sim worker</c>.</summary>
    public const string Worker = "worker";

    /// <summary>The coordinator actor's name: <c>/user/coordinator</c>.</summary>
    public const string CoordinatorActor = "coordinator";

    /// <summary>The worker actor's name: <c>/user/worker</c>.</summary>
    public const string WorkerActor = "worker";
}
