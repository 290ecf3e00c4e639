using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Akka.Actor;
using Akka.Cluster;
using Sim.Distributed.Coordinator;
using Sim.Studies;

namespace Sim.Distributed.Hosting;

/// <summary>What <c>sim sweep --cluster</c> is given beyond a local sweep.</summary>
/// <param name="Listen">Where the coordinator listens; workers join this very HOST:PORT.</param>
/// <param name="ConfigFile">A HOCON file over the defaults (<c>--config</c>), or null.</param>
public sealed record CoordinatorOptions(ClusterEndpoint Listen, string? ConfigFile);

/// <summary>
/// Runs a study as the coordinator of a cluster (<c>sim sweep --cluster</c>): opens the output directory exactly as a
/// local sweep does (<see cref="StudyDirectory"/>), starts the seed node with the <c>coordinator</c> role and the
/// <see cref="StudyCoordinator"/>, writes each record a worker returns, and returns when the study is complete,
/// cancelled (Ctrl+C: no more runs handed out, workers dismissed) or failed, once the actor system has terminated.
/// </summary>
public static class CoordinatorNode
{
    /// <summary>
    /// Runs what is missing of <paramref name="study"/> into <paramref name="directory"/> on the workers that join.
    /// Throws <see cref="ClusterStartupException"/> when the node cannot start, <see cref="StudyOutputException"/> for the
    /// directory, and the failure that stopped the study (<see cref="StudyRunFailedException"/>,
    /// <see cref="NonDeterministicRunException"/>). <paramref name="observe"/>, when given, is told of each run handed out,
    /// recorded and re-queued, with a time stamp (see <see cref="CoordinatorEvent"/>).
    /// </summary>
    public static StudyRunOutcome Run(Study study, string fileName, string directory, CoordinatorOptions options,
        CancellationToken cancel, Action<StudyProgress> progress, Action<string> notice, Action<CoordinatorEvent>? observe = null)
    {
        var opened = StudyDirectory.Open(study, directory);
        var records = Enumerable.Range(0, opened.Runs.Count).Select(opened.Found).ToArray();
        int reused = study.RunCount - opened.Missing.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress(new StudyProgress(reused, study.RunCount, 0, TimeSpan.Zero));
        if (opened.Missing.Count == 0) return new StudyRunOutcome(study.RunCount, reused, 0, false, clock.Elapsed, records.OfType<RunRecord>().ToList());

        var config = ClusterConfig.For(ClusterRoles.Coordinator, options.Listen, options.ConfigFile);
        options.Listen.EnsureFree("--listen");
        var setup = new CoordinatorSetup(study, fileName, opened.Missing,
            (i, text) => records[i] = opened.Write(i, text),
            done => progress(new StudyProgress(reused + done, study.RunCount, done, clock.Elapsed)),
            notice, ClusterConfig.Setting(config, "dismiss-timeout"), WatchCluster: true)
        { Observe = observe };

        using var system = NodeStart.Create(config, "--listen", options.Listen);
        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        notice($"coordinator listening at {options.Listen}; start workers with: sim worker --join {options.Listen}");
        system.ActorOf(Props.Create(() => new StudyCoordinator(setup)), ClusterRoles.CoordinatorActor);
        // A node that shuts down under the study (downed, or the process is terminating) ends it, incomplete.
        system.WhenTerminated.ContinueWith(_ => setup.Ended.TrySetResult(new StudyEnded(false, opened.Missing.Count(i => records[i] is not null), 0, null)), TaskScheduler.Default);
        StudyEnded ended;
        using (cancel.Register(() => system.ActorSelection("/user/" + ClusterRoles.CoordinatorActor).Tell(StopStudy.Instance)))
            ended = setup.Ended.Task.GetAwaiter().GetResult();

        // Workers still unreachable will not come back for this study: down them so the coordinator can leave at once.
        foreach (var member in cluster.State.Unreachable) cluster.Down(member.Address);
        NodeStart.Stop(system);
        if (ended.Failure is not null) throw ended.Failure;
        if (ended.Duplicates > 0) notice($"{ended.Duplicates} late duplicate result(s) were equal to the records kept and dropped");
        return new StudyRunOutcome(study.RunCount, reused, ended.Ran, !ended.Complete, clock.Elapsed, records.OfType<RunRecord>().ToList());
    }
}
