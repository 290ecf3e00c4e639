using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sim.Distributed.Coordinator;
using Sim.Distributed.Hosting;
using Sim.Worlds.Results;
using Sim.Studies;

namespace Sim.Cli.Bench;

/// <summary>
/// What a distributed study costs on this machine (<c>sim bench cluster</c>, docs/distributed.md): one study of
/// replicated M/M/1 runs, (a) swept locally with one job, (b) coordinated in this process with one <c>sim worker</c>
/// process, (c) with N, and (d) with N again, one of them killed (SIGKILL) as soon as it is handed its second run. Each
/// pass is cold (the local one runs first in this process, each worker is a new process), so JIT compilation is charged
/// alike. A cluster pass is timed from the first run handed out to the last record written (worker start-up, joining
/// and dismissal are fixed costs, not per-run ones); the death-to-re-queue time from the kill to the coordinator
/// re-queuing the run the worker held. Every pass must give the same <c>results.json</c> bytes.
/// </summary>
internal static class ClusterBenchmark
{
    /// <summary>The study: <paramref name="runs"/> replications of an M/M/1 queue (utilisation 0.8) for <paramref name="durationMs"/> simulated ms.</summary>
    public static string StudyText(int runs, int durationMs) => $$"""
        name: bench-cluster
        seed: 11
        duration: {{durationMs}}ms
        warmup: 1ms
        queueing:
          sources:
            - { name: arrivals, interarrival: { exponential: 10us }, to: server }
          servers:
            - { name: server, service: { exponential: 8us }, to: sink }
          sinks:
            - { name: sink }
        replications: {{runs}}
        """;

    /// <summary>Runs the four passes in fresh directories under the temporary folder, removed afterwards; <paramref name="say"/> tells which pass runs.</summary>
    public static ClusterBenchmarkResult Measure(int runs, int workers, int durationMs, Action<string> say)
    {
        var study = StudyLoader.LoadText(StudyText(runs, durationMs), "bench-cluster.yaml");
        string root = Directory.CreateTempSubdirectory("virtiosim-bench-cluster-").FullName;
        try
        {
            // Akka logs a killed node's lost association with stack traces on the standard output: keep it quiet.
            string quiet = Path.Combine(root, "quiet.conf");
            File.WriteAllText(quiet, "akka.loglevel = OFF\nakka.stdout-loglevel = OFF\n");
            say($"local sweep, 1 job, {runs} runs");
            var local = Local(study, Path.Combine(root, "local"));
            say("coordinator + 1 worker");
            var one = Cluster(study, Path.Combine(root, "one"), 1, kill: false, quiet);
            say($"coordinator + {workers} workers");
            var many = Cluster(study, Path.Combine(root, "many"), workers, kill: false, quiet);
            say($"coordinator + {workers} workers, one killed after its first record");
            var killed = Cluster(study, Path.Combine(root, "killed"), workers, kill: true, quiet);
            bool same = new[] { local, one, many, killed }.Select(p => p.Results).Distinct(StringComparer.Ordinal).Count() == 1;
            return new ClusterBenchmarkResult(runs, workers, durationMs, local.Seconds, one.Seconds, many.Seconds,
                local.CpuSeconds / runs, one.CpuSeconds / runs, many.CpuSeconds / runs, killed.DeathToRequeueSeconds, same);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Pass Local(Study study, string directory)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcome = StudyRunner.Run(study, directory, 1);
        double seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return new Pass(seconds, (self.TotalProcessorTime - cpu).TotalSeconds, Results(study, outcome), null);
    }

    private static Pass Cluster(Study study, string directory, int count, bool kill, string config)
    {
        string at = $"127.0.0.1:{FreePort()}";
        var gate = new object();
        var started = new List<WorkerProcess>();
        var listening = new ManualResetEventSlim();
        var killNow = new ManualResetEventSlim();
        var recordedBy = new HashSet<string>(StringComparer.Ordinal);
        var cpuAtFirstRun = new Dictionary<WorkerProcess, TimeSpan>();
        var cpuAtEnd = new Dictionary<WorkerProcess, TimeSpan>();
        long first = 0, last = 0, requeued = 0;
        WorkerProcess? doomed = null;

        void Observe(CoordinatorEvent e)
        {
            lock (gate)
            {
                var worker = started.FirstOrDefault(w => w.Is(e.Worker));
                switch (e.Kind)
                {
                    case CoordinatorEventKind.Assigned:
                        if (first == 0) first = e.Timestamp;
                        if (worker is not null && !cpuAtFirstRun.ContainsKey(worker) && worker.Cpu() is { } cpu) cpuAtFirstRun[worker] = cpu;
                        if (kill && doomed is null && worker is not null && recordedBy.Contains(e.Worker))
                        {
                            doomed = worker;
                            killNow.Set();
                        }
                        break;
                    case CoordinatorEventKind.Recorded:
                        recordedBy.Add(e.Worker);
                        if (e.Recorded == study.RunCount)
                        {
                            last = e.Timestamp;
                            foreach (var w in started) if (w.Cpu() is { } used) cpuAtEnd[w] = used;
                        }
                        break;
                    case CoordinatorEventKind.Requeued:
                        if (doomed is not null && doomed.Is(e.Worker) && e.Runs > 0 && requeued == 0) requeued = e.Timestamp;
                        break;
                }
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120 + 30.0 * study.RunCount));
        var options = new CoordinatorOptions(ClusterEndpoint.Parse("--listen", at), config);
        var coordinator = Task.Run(() => CoordinatorNode.Run(study, "bench-cluster.yaml", directory, options, patience.Token, _ => { },
            text => { if (text.StartsWith("coordinator listening", StringComparison.Ordinal)) listening.Set(); }, Observe));
        try
        {
            if (WaitHandle.WaitAny([listening.WaitHandle, ((IAsyncResult)coordinator).AsyncWaitHandle]) == 0)
            {
                lock (gate)
                    for (int i = 0; i < count; i++) started.Add(new WorkerProcess(at, FreePort()));
            }
            long killedAt = 0;
            if (kill && WaitHandle.WaitAny([killNow.WaitHandle, ((IAsyncResult)coordinator).AsyncWaitHandle]) == 0)
            {
                killedAt = Stopwatch.GetTimestamp();
                doomed!.Kill();
            }
            var outcome = coordinator.GetAwaiter().GetResult();
            if (outcome.Incomplete)
            {
                throw new InvalidOperationException($"the cluster pass with {count} worker(s) did not complete; the workers said:\n" +
                    string.Join('\n', started.SelectMany(w => w.Lines)));
            }
            foreach (var w in started.Where(w => w != doomed)) w.Exit(TimeSpan.FromSeconds(30));
            // A worker that joined too late to be handed a run has no first-run sample: its start-up is not a run's cost.
            double cpuSeconds = cpuAtEnd.Where(e => cpuAtFirstRun.ContainsKey(e.Key)).Sum(e => (e.Value - cpuAtFirstRun[e.Key]).TotalSeconds);
            double? deathToRequeue = killedAt != 0 && requeued != 0 ? Stopwatch.GetElapsedTime(killedAt, requeued).TotalSeconds : null;
            return new Pass(Stopwatch.GetElapsedTime(first, last).TotalSeconds, cpuSeconds, Results(study, outcome), deathToRequeue);
        }
        finally
        {
            lock (gate)
                foreach (var w in started) w.Dispose();
        }
    }

    private static string Results(Study study, StudyRunOutcome outcome) => StudyResultsJson.Write(StudySummary.Of(study, outcome.Records));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One pass: wall seconds, CPU seconds spent on the runs (by this process, or by the workers), results.json, the death-to-re-queue seconds.</summary>
    private sealed record Pass(double Seconds, double CpuSeconds, string Results, double? DeathToRequeueSeconds);
}

/// <summary>What <see cref="ClusterBenchmark"/> measured.</summary>
/// <param name="Runs">Runs in the study.</param>
/// <param name="Workers">Worker processes of the N-worker passes.</param>
/// <param name="DurationMs">Simulated milliseconds per run.</param>
/// <param name="LocalSeconds">Wall time of the local sweep with one job.</param>
/// <param name="OneWorkerSeconds">Wall time with one worker, first run handed out to last record written.</param>
/// <param name="ManyWorkersSeconds">The same with <paramref name="Workers"/> workers.</param>
/// <param name="LocalCpuPerRun">CPU seconds per run of the local sweep (this whole process).</param>
/// <param name="OneWorkerCpuPerRun">CPU seconds per run of the worker process (all its threads) while it served the study.</param>
/// <param name="ManyWorkersCpuPerRun">The same, summed over <paramref name="Workers"/> workers.</param>
/// <param name="DeathToRequeueSeconds">From killing a worker that held a run to the coordinator re-queuing it; null when the worker had
/// already returned that run before the kill landed (runs of a few ms), so nothing was re-queued.</param>
/// <param name="SameResults">Whether all four passes wrote byte-identical results.json.</param>
internal sealed record ClusterBenchmarkResult(int Runs, int Workers, int DurationMs, double LocalSeconds, double OneWorkerSeconds,
    double ManyWorkersSeconds, double LocalCpuPerRun, double OneWorkerCpuPerRun, double ManyWorkersCpuPerRun,
    double? DeathToRequeueSeconds, bool SameResults)
{
    /// <summary>One-worker wall time over N-worker wall time.</summary>
    public double SpeedUp => OneWorkerSeconds / ManyWorkersSeconds;

    /// <summary>(one-worker wall - local wall) / runs, in milliseconds.</summary>
    public double OverheadMsPerRun => (OneWorkerSeconds - LocalSeconds) * 1000 / Runs;

    /// <summary>The result as a few lines of text.</summary>
    public string Text()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Format(c, "cluster bench: {0} runs of {1} ms simulated, {2} core(s)\n", Runs, DurationMs, Environment.ProcessorCount) +
            string.Format(c, "  local sweep --jobs 1       {0,7:F2} s  ({1:F3} s CPU per run)\n", LocalSeconds, LocalCpuPerRun) +
            string.Format(c, "  coordinator + 1 worker     {0,7:F2} s  ({1:F3} s CPU per run in the worker)\n", OneWorkerSeconds, OneWorkerCpuPerRun) +
            string.Format(c, "  coordinator + {0} workers    {1,7:F2} s  ({2:F3} s CPU per run in the workers); speed-up over 1 worker {3:F2}x\n",
                Workers, ManyWorkersSeconds, ManyWorkersCpuPerRun, SpeedUp) +
            string.Format(c, "  per-run overhead of a worker: {0:F0} ms ((1-worker wall - local wall) / runs)\n", OverheadMsPerRun) +
            (DeathToRequeueSeconds is { } d
                ? string.Format(c, "  death to re-queue: {0:F2} s (a worker killed with SIGKILL holding a run)\n", d)
                : "  death to re-queue: not measured (the worker killed held no run any more: runs shorter than the kill took)\n") +
            $"  results.json: {(SameResults ? "byte-identical in all 4 passes" : "DIFFERENT between passes")}\n";
    }
}
