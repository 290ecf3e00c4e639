using Akka.Actor;
using Akka.Configuration;

namespace Sim.Distributed.Hosting;

/// <summary>Starting and stopping a node's actor system, with the failures a user can fix turned into one line.</summary>
internal static class NodeStart
{
    /// <summary>How long a node waits for its actor system to shut down before it gives up waiting.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The node's actor system; a failure to start (e.g. to bind <paramref name="listen"/>) names <paramref name="option"/>.</summary>
    public static ActorSystem Create(Config config, string option, ClusterEndpoint listen)
    {
        try
        {
            return ActorSystem.Create(ClusterRoles.SystemName, config);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ClusterStartupException($"{option} {listen}: the node cannot start: {Innermost(e).Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Runs the coordinated shutdown (leaving the cluster) and waits for the actor system to terminate.</summary>
    public static void Stop(ActorSystem system)
    {
        CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        system.WhenTerminated.Wait(StopTimeout);
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
