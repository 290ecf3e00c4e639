using Akka.Actor;
using Akka.Cluster;

namespace Sim.Distributed.Coordinator;

/// <summary>The failure detector marked the node at <paramref name="Address"/> unreachable: its workers' runs are re-queued at once.</summary>
/// <param name="Address">The node's address.</param>
internal sealed record NodeUnreachable(Address Address);

/// <summary>The node at <paramref name="Address"/> is reachable again: its workers get work again.</summary>
/// <param name="Address">The node's address.</param>
internal sealed record NodeReachable(Address Address);

/// <summary>
/// Tells its parent (the coordinator) when cluster nodes become unreachable or reachable again, from the cluster's
/// reachability events, so that the coordinator itself speaks only of nodes and can be tested without a cluster.
/// Removal needs no event here: the coordinator watches every worker, and a removed node's actors are terminated.
/// </summary>
internal sealed class NodeWatcher : ReceiveActor
{
    /// <summary>A watcher reporting to its parent.</summary>
    public NodeWatcher()
    {
        Receive<ClusterEvent.UnreachableMember>(e => Context.Parent.Tell(new NodeUnreachable(e.Member.Address)));
        Receive<ClusterEvent.ReachableMember>(e => Context.Parent.Tell(new NodeReachable(e.Member.Address)));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
