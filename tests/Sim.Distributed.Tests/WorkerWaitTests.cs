using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Sim.Distributed.Hosting;
using Sim.Distributed.Worker;

namespace Sim.Distributed.Tests;

/// <summary>
/// A worker never waits for ever: on a one-node cluster whose node has the coordinator role but no coordinator actor
/// (as when a worker joins while a finished study's coordinator is shutting down), the worker's WorkerReady goes
/// nowhere, and it ends as <see cref="WorkerEnd.CoordinatorLost"/> after its offer timeout, saying why.
/// </summary>
public sealed class WorkerWaitTests
{
    [Fact]
    public async Task A_worker_whose_coordinator_offers_no_study_gives_up_after_the_offer_timeout()
    {
        var at = new ClusterEndpoint("127.0.0.1", SimProcess.FreePort());
        using var system = ActorSystem.Create(ClusterRoles.SystemName, ClusterConfig.For(ClusterRoles.Coordinator, at, null));
        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);

        var ended = new TaskCompletionSource<WorkerEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notices = new ConcurrentQueue<string>();
        system.ActorOf(Props.Create(() => new StudyWorker(1, notices.Enqueue, ended, null, TimeSpan.FromSeconds(1))), ClusterRoles.WorkerActor);

        var end = await ended.Task.WaitAsync(TimeSpan.FromSeconds(30)); // throws TimeoutException: the worker kept waiting
        Assert.Equal(WorkerEnd.CoordinatorLost, end);
        Assert.Contains(notices, n => n.Contains($"the coordinator at akka.tcp://virtiosim@{at} offered no study within 1s", StringComparison.Ordinal));
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
