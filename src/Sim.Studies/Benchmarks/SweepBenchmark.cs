using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Diagnostics;
using System.Globalization;
using Sim.Studies;

namespace Sim.Studies.Benchmarks;

/// <summary>
/// The parallel speed-up of <c>sim sweep</c>: the same study of short runs (a Xen guest with grant map/unmap,
/// Poisson block requests, 50 ms simulated each; points over the backend vCPUs and the request size) run into two
/// fresh directories, with one job and with N, in one process, alternately for a few rounds after a warm-up pass (so
/// that JIT compilation is charged to neither). Reports the median wall time of each, runs per second and the ratio,
/// and whether every pass gave the same <c>results.json</c> bytes (they must).
/// </summary>
public static class SweepBenchmark
{
    /// <summary>The study text for <paramref name="runs"/> runs: 20 points, runs / 20 replications each.</summary>
    public static string StudyText(int runs) => $$"""
        name: bench-sweep
        seed: 3
        duration: 50ms
        warmup: 1ms
        costs: xen-x86
        guests:
          - name: xen
            platform: xen
            memory: 64MiB
            devices:
              - name: blk0
                type: blk
                sharing: grant-map
                backend: driver-domain
                eventIdx: true
                workload: { requestSize: 4KiB, queueDepth: 32, readFraction: 0.5, span: 2MiB, channels: 8, interarrival: { exponential: 20us } }
        replications: {{Math.Max(1, runs / 20)}}
        sweep:
          grid:
            - { name: vcpus, path: guests.xen.devices.blk0.backendVcpus, values: [1, 2, 4, 8, 16] }
            - { name: size, path: guests.xen.devices.blk0.workload.requestSize, values: [4KiB, 8KiB, 16KiB, 32KiB] }
        """;

    /// <summary>Runs the study with 1 job and with <paramref name="jobs"/>; the directories are removed afterwards.</summary>
    public static SweepBenchmarkResult Measure(int runs, int jobs, int rounds = 3)
    {
        var study = StudyLoader.LoadText(StudyText(runs), "bench-sweep.yaml");
        string root = Directory.CreateTempSubdirectory("virtiosim-bench-sweep-").FullName;
        try
        {
            // Warm-up: a few runs so that JIT compilation is not charged to the one-job pass.
            var warm = StudyLoader.LoadText(StudyText(runs).Replace("duration: 50ms", "duration: 2ms"), "warm.yaml");
            StudyRunner.Run(warm with { Points = warm.Points.Take(2).ToList() }, Path.Combine(root, "warm"), jobs);
            Pass(study, Path.Combine(root, "warm-all"), jobs);
            var one = new List<double>();
            var many = new List<double>();
            var results = new HashSet<string>(StringComparer.Ordinal);
            for (int round = 0; round < rounds; round++)
            {
                var (oneSeconds, oneBytes) = Pass(study, Path.Combine(root, $"one-{round}"), 1);
                var (manySeconds, manyBytes) = Pass(study, Path.Combine(root, $"many-{round}"), jobs);
                one.Add(oneSeconds);
                many.Add(manySeconds);
                results.Add(oneBytes);
                results.Add(manyBytes);
            }
            return new SweepBenchmarkResult(study.RunCount, jobs, Median(one), Median(many), results.Count == 1, MachineCeiling(jobs));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// What the machine gives N threads of pure computation (a SplitMix64 loop, no memory traffic, no allocation): N x
    /// the one-thread time over the N-thread time. On shared or virtualised cores it is often well below N.
    /// </summary>
    public static double MachineCeiling(int threads)
    {
        const long Iterations = 200_000_000;
        static double Spin()
        {
            var clock = Stopwatch.StartNew();
            ulong state = 1, sink = 0;
            for (long i = 0; i < Iterations; i++) sink ^= Sim.Core.Randomness.SplitMix64.Next(ref state);
            GC.KeepAlive(sink);
            return clock.Elapsed.TotalSeconds;
        }
        Spin();
        double alone = Spin();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => Spin())).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return threads * alone / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static (double Seconds, string Results) Pass(Study study, string directory, int jobs)
    {
        var clock = Stopwatch.StartNew();
        var outcome = StudyRunner.Run(study, directory, jobs);
        var summary = StudySummary.Of(study, outcome.Records);
        string results = StudyResultsJson.Write(summary);
        return (clock.Elapsed.TotalSeconds, results);
    }
}

/// <summary>What <see cref="SweepBenchmark"/> measured.</summary>
/// <param name="Runs">Runs in the study.</param>
/// <param name="Jobs">Jobs of the parallel pass.</param>
/// <param name="OneJobSeconds">Median wall time with one job (runs, records, summary).</param>
/// <param name="ManyJobsSeconds">Median wall time with <paramref name="Jobs"/> jobs.</param>
/// <param name="SameResults">Whether both passes wrote byte-identical results.</param>
/// <param name="Ceiling">The speed-up the machine gives pure computation on <paramref name="Jobs"/> threads (see <see cref="SweepBenchmark.MachineCeiling"/>).</param>
public sealed record SweepBenchmarkResult(int Runs, int Jobs, double OneJobSeconds, double ManyJobsSeconds, bool SameResults, double Ceiling)
{
    /// <summary>One-job time over N-job time.</summary>
    public double SpeedUp => OneJobSeconds / ManyJobsSeconds;

    /// <summary>The result as one line of text.</summary>
    public string Text() => string.Format(CultureInfo.InvariantCulture,
        "sweep of {0} runs: 1 job {1:F2} s ({2:F1} runs/s), {3} jobs {4:F2} s ({5:F1} runs/s); speed-up {6:F2}x on {7} core(s) " +
        "(pure computation gets {8:F2}x here); results.json {9}\n",
        Runs, OneJobSeconds, Runs / OneJobSeconds, Jobs, ManyJobsSeconds, Runs / ManyJobsSeconds, SpeedUp, Environment.ProcessorCount,
        Ceiling, SameResults ? "byte-identical" : "DIFFERENT");
}
