using System.CommandLine;
using Sim.Cli.Bench;
using Sim.Distributed.Hosting;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim bench cluster [--workers N] [--runs R] [--duration-ms MS] [--json]</c>: a local sweep against a coordinator
/// with 1 and with N worker processes on this machine (see <see cref="ClusterBenchmark"/>): wall times, speed-up,
/// per-run overhead, death-to-re-queue time, and whether every pass gave the same results.
/// </summary>
internal static class BenchClusterCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var workers = new Option<int>("--workers") { Description = "Worker processes of the N-worker passes.", DefaultValueFactory = _ => 2 };
        var runs = new Option<int>("--runs") { Description = "Runs in the study (replications of one M/M/1 queue).", DefaultValueFactory = _ => 20 };
        var duration = new Option<int>("--duration-ms") { Description = "Simulated milliseconds per run (10000: about 0.45 s of CPU).", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        workers.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 2) r.AddError("--workers must be at least 2 (the kill pass needs a survivor)"); });
        duration.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--duration-ms must be at least 1"); });
        var command = new Command("cluster", "A local sweep against a coordinator with 1 and N worker processes: wall times, speed-up, per-run overhead, death-to-re-queue.")
        {
            workers, runs, duration, json,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(workers), count = parse.GetValue(runs);
            if (count < n + 1)
            {
                error.WriteLine($"error: --runs must be at least --workers + 1 ({n + 1}), so that a worker is handed a second run to be killed on; got {count}");
                return ExitCodes.BadInput;
            }
            ClusterBenchmarkResult result;
            try
            {
                result = ClusterBenchmark.Measure(count, n, parse.GetValue(duration),
                    pass => error.WriteLine($"bench cluster: {pass}"));
            }
            catch (ClusterStartupException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"internal error: {e.Message}");
                return ExitCodes.InternalError;
            }
            output.Write(parse.GetValue(json) ? Json(result) : result.Text());
            return result.SameResults ? ExitCodes.Ok : ExitCodes.InternalError;
        });
        return command;
    }

    private static string Json(ClusterBenchmarkResult r) => CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["benchmark"] = "cluster",
        ["runs"] = r.Runs,
        ["workers"] = r.Workers,
        ["durationMs"] = r.DurationMs,
        ["cores"] = Environment.ProcessorCount,
        ["localSeconds"] = Math.Round(r.LocalSeconds, 3),
        ["oneWorkerSeconds"] = Math.Round(r.OneWorkerSeconds, 3),
        ["manyWorkersSeconds"] = Math.Round(r.ManyWorkersSeconds, 3),
        ["speedUp"] = Math.Round(r.SpeedUp, 3),
        ["overheadMsPerRun"] = Math.Round(r.OverheadMsPerRun, 1),
        ["localCpuSecondsPerRun"] = Math.Round(r.LocalCpuPerRun, 3),
        ["oneWorkerCpuSecondsPerRun"] = Math.Round(r.OneWorkerCpuPerRun, 3),
        ["manyWorkersCpuSecondsPerRun"] = Math.Round(r.ManyWorkersCpuPerRun, 3),
        ["deathToRequeueSeconds"] = r.DeathToRequeueSeconds is { } d ? Math.Round(d, 3) : null,
        ["sameResults"] = r.SameResults,
    });
}
