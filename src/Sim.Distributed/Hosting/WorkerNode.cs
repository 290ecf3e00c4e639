using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Sim.Distributed.Worker;

namespace Sim.Distributed.Hosting;

/// <summary>What <c>sim worker</c> is given.</summary>
/// <param name="Join">The coordinator's HOST:PORT, spelt as its <c>--listen</c>.</param>
/// <param name="Listen">Where this worker listens (other nodes reach it there).</param>
/// <param name="Jobs">Runs at a time.</param>
/// <param name="ConfigFile">A HOCON file over the defaults (<c>--config</c>), or null.</param>
public sealed record WorkerOptions(ClusterEndpoint Join, ClusterEndpoint Listen, int Jobs, string? ConfigFile);

/// <summary>
/// Runs a worker node (<c>sim worker --join HOST:PORT</c>): joins the coordinator's cluster (giving up after
/// <c>virtiosim.cluster.join-timeout</c>), serves one study with <see cref="StudyWorker"/>, leaves the cluster and
/// returns how it ended once its actor system has terminated. Ctrl+C leaves at once (the coordinator re-queues its runs).
/// </summary>
public static class WorkerNode
{
    /// <summary>Serves the coordinator at <see cref="WorkerOptions.Join"/>; a node that cannot start or join throws <see cref="ClusterStartupException"/>.</summary>
    public static WorkerEnd Run(WorkerOptions options, CancellationToken cancel, Action<string> notice, ILoggerFactory? loggerFactory)
    {
        var config = ClusterConfig.For(ClusterRoles.Worker, options.Listen, options.ConfigFile);
        TimeSpan joinTimeout = ClusterConfig.Setting(config, "join-timeout");
        options.Listen.EnsureFree("--listen");
        using var system = NodeStart.Create(config, "--listen", options.Listen);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.JoinSeedNodes([new Address("akka.tcp", ClusterRoles.SystemName, options.Join.Host, options.Join.Port)]);
        try
        {
            if (!up.Task.Wait(joinTimeout, cancel))
            {
                throw new ClusterStartupException($"--join {options.Join}: no coordinator answered within {joinTimeout.TotalSeconds:0.#}s; " +
                    "expected `sim sweep FILE --cluster --listen HOST:PORT` running there, started first, with the same HOST spelling");
            }
        }
        catch (Exception) when (!system.WhenTerminated.IsCompleted)
        {
            system.Terminate().Wait(NodeStart.StopTimeout);
            throw;
        }

        var ended = new TaskCompletionSource<WorkerEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new StudyWorker(options.Jobs, notice, ended, loggerFactory, joinTimeout)), ClusterRoles.WorkerActor);
        // A node downed under the worker (its coordinator's side of a partition won) ends its service.
        system.WhenTerminated.ContinueWith(_ => ended.TrySetResult(WorkerEnd.CoordinatorLost), TaskScheduler.Default);
        using (cancel.Register(() => ended.TrySetResult(WorkerEnd.StudyStopped)))
            ended.Task.Wait(CancellationToken.None);
        NodeStart.Stop(system);
        return ended.Task.Result;
    }
}
