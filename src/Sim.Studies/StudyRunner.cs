using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Sim.Core.Running;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// Runs the runs of a <see cref="Study"/> that its output directory does not hold yet, on <c>jobs</c> threads, each run
/// an independent simulation. Every finished run is written atomically to <c>DIR/runs/p0003-r07.json</c>
/// (<see cref="RunRecord"/>) before it counts as done, so a study that is stopped (Ctrl+C) or killed can be resumed by
/// running it again: recorded runs are kept and not run again, a run that was in flight runs again from the start, and
/// no run is lost or written twice. <c>DIR/runs/study.id</c> holds a hash of the scenario text and seed: a directory
/// holding runs of another version of the scenario is refused rather than mixed in.
/// </summary>
public static class StudyRunner
{
    /// <summary>The directory of the run records inside a study's output directory.</summary>
    public const string RunsDirectory = "runs";

    /// <summary>
    /// Runs what is missing of <paramref name="study"/> into <paramref name="directory"/>. Cancellation stops handing
    /// out runs and stops those in flight (they are not recorded). A run that fails (a model bug) stops the study with
    /// a <see cref="StudyRunFailedException"/> naming the first failed run in run order.
    /// </summary>
    public static StudyRunOutcome Run(Study study, string directory, int jobs, CancellationToken cancel = default,
        Action<StudyProgress>? progress = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var opened = StudyDirectory.Open(study, directory);

        // Every record is read once: those found now (kept in run order), and each new one as it is written.
        var all = opened.Runs;
        var records = new RunRecord?[all.Count];
        for (int r = 0; r < all.Count; r++) records[r] = opened.Found(r);
        var pending = opened.Missing;
        int reused = study.RunCount - pending.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int next = -1, done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Order, StudyRun Run, Exception Error)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var gate = new object();
        progress?.Invoke(new StudyProgress(reused, study.RunCount, 0, TimeSpan.Zero));

        void Work()
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < pending.Count)
            {
                StudyRun run = all[pending[i]];
                try
                {
                    if (RunOne(run, stop.Token, loggerFactory) is not { } text) return;
                    records[pending[i]] = opened.Write(pending[i], text);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add((i, run, e));
                    stop.Cancel();
                    return;
                }
                int finished = Interlocked.Increment(ref done);
                if (progress is not null)
                    lock (gate) progress(new StudyProgress(reused + finished, study.RunCount, finished, clock.Elapsed));
            }
        }

        var threads = Enumerable.Range(0, Math.Min(jobs, Math.Max(1, pending.Count)))
            .Select(n => new Thread(Work) { IsBackground = true, Name = $"study-run-{n}" })
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        if (!failures.IsEmpty)
        {
            var first = failures.OrderBy(f => f.Order).First();
            throw new StudyRunFailedException(first.Run, first.Error);
        }
        return new StudyRunOutcome(study.RunCount, reused, done, done + reused < study.RunCount, clock.Elapsed, records.OfType<RunRecord>().ToList());
    }

    /// <summary>The records in <paramref name="directory"/> of the runs of <paramref name="study"/>, in run order (missing ones left out).</summary>
    public static IReadOnlyList<RunRecord> ReadRecords(Study study, string directory)
    {
        string runs = Path.Combine(directory, RunsDirectory);
        var all = study.Runs().ToList();
        var records = new RunRecord?[all.Count];
        // Parsed in parallel (the files are independent), kept in run order.
        Parallel.For(0, all.Count, i =>
        {
            string path = StudyDirectory.RecordPath(runs, all[i]);
            if (File.Exists(path)) records[i] = RunRecord.Read(File.ReadAllText(path));
        });
        return records.OfType<RunRecord>().ToList();
    }

    /// <summary>
    /// The identity of a study's runs: a hash of its scenario text and seed, and of the files it names (cost profile
    /// files, by reference and text), so that a changed profile file is another study. A study naming no file keeps the
    /// identity it had before files were hashed.
    /// </summary>
    public static string Identity(Study study)
    {
        var text = new StringBuilder(study.Text).Append("\nseed=").Append(study.Scenario.Seed);
        foreach (var (reference, content) in study.Files) text.Append("\nfile=").Append(reference).Append('\n').Append(content.Length).Append('\n').Append(content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Runs <paramref name="run"/> in this process and returns its record text (<see cref="RunRecord.Write"/>), or null
    /// when <paramref name="cancel"/> stopped it (a cancelled run is never recorded). A model bug throws.
    /// </summary>
    public static string? RunOne(StudyRun run, CancellationToken cancel, ILoggerFactory? loggerFactory = null)
    {
        RunResults results = ScenarioRunner.Run(run.Model, cancel, null, loggerFactory);
        return results.Outcome.Reason == StopReason.Cancelled ? null : RunRecord.Write(run, results);
    }
}

/// <summary>How far a study is: runs recorded (including those found from before), of how many, and the pace this session.</summary>
/// <param name="Done">Runs recorded, from this session or before.</param>
/// <param name="Total">Runs in the study.</param>
/// <param name="DoneThisSession">Runs finished by this session.</param>
/// <param name="Elapsed">Wall time of this session.</param>
public sealed record StudyProgress(int Done, int Total, int DoneThisSession, TimeSpan Elapsed)
{
    /// <summary>Runs finished per wall-clock second this session; 0 before the first.</summary>
    public double RunsPerSecond => Elapsed.TotalSeconds > 0 ? DoneThisSession / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at this pace; null before the first run finished.</summary>
    public TimeSpan? Remaining => RunsPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / RunsPerSecond) : null;
}

/// <summary>What a study session did.</summary>
/// <param name="Total">Runs in the study.</param>
/// <param name="Reused">Runs found recorded from before, not run again.</param>
/// <param name="Ran">Runs run and recorded by this session.</param>
/// <param name="Incomplete">Whether runs are still missing (the session was cancelled).</param>
/// <param name="Elapsed">Wall time of the session.</param>
/// <param name="Records">The records of the study's runs now on disk, in run order (those found and those written),
/// each as read from its file's text: the same as <see cref="StudyRunner.ReadRecords"/> would read.</param>
public sealed record StudyRunOutcome(int Total, int Reused, int Ran, bool Incomplete, TimeSpan Elapsed, IReadOnlyList<RunRecord> Records);

/// <summary>A study's output directory cannot be used: it holds runs of another study.</summary>
/// <param name="message">What is wrong and what to do.</param>
public sealed class StudyOutputException(string message) : Exception(message);

/// <summary>A run of a study failed (a model bug); the runs recorded before it are kept.</summary>
public sealed class StudyRunFailedException : Exception
{
    /// <summary>The failure of <paramref name="run"/>.</summary>
    public StudyRunFailedException(StudyRun run, Exception inner)
        : base($"run {run.Key} (point {run.Point.Index}, replication {run.Replication}, seed {run.Seed}) failed: {inner.Message}", inner)
    {
        Run = run;
    }

    /// <summary>The run that failed.</summary>
    public StudyRun Run { get; }
}
