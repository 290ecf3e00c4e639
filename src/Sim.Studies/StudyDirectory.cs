using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// A study's output directory as its runs see it, whoever runs them (threads of this process, or workers of a cluster):
/// opening it claims <c>DIR/runs/</c> for the study (<c>runs/study.id</c>, see <see cref="StudyRunner.Identity"/>),
/// removes temporary files a killed session left, and reads the records found there; <see cref="Write"/> records one
/// run atomically (<c>runs/p0003-r07.json</c>, <see cref="RunRecord"/>). Not thread-safe for one run, safe for distinct runs.
/// </summary>
public sealed class StudyDirectory
{
    private readonly string _runs;
    private readonly RunRecord?[] _found;

    private StudyDirectory(string runs, IReadOnlyList<StudyRun> all, RunRecord?[] found)
    {
        _runs = runs;
        _found = found;
        Runs = all;
        Missing = Enumerable.Range(0, all.Count).Where(i => found[i] is null).ToList();
    }

    /// <summary>Every run of the study, in run order.</summary>
    public IReadOnlyList<StudyRun> Runs { get; }

    /// <summary>The indices (into <see cref="Runs"/>) of the runs not recorded when the directory was opened, in run order.</summary>
    public IReadOnlyList<int> Missing { get; }

    /// <summary>The record of run <paramref name="index"/> found when the directory was opened, or null.</summary>
    public RunRecord? Found(int index) => _found[index];

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="study"/>; throws <see cref="StudyOutputException"/> when it
    /// holds the runs of another study.
    /// </summary>
    public static StudyDirectory Open(Study study, string directory)
    {
        string runs = Path.Combine(directory, StudyRunner.RunsDirectory);
        Directory.CreateDirectory(runs);
        Claim(study, runs);
        foreach (string stale in Directory.EnumerateFiles(runs, "*.tmp")) File.Delete(stale);
        var all = study.Runs().ToList();
        var found = new RunRecord?[all.Count];
        Parallel.For(0, all.Count, i => found[i] = TryRead(runs, all[i]));
        return new StudyDirectory(runs, all, found);
    }

    /// <summary>
    /// Writes <paramref name="text"/> (from <see cref="RunRecord.Write"/>) as the record of run <paramref name="index"/>,
    /// atomically; returns the record as a later reader of the file gets it.
    /// </summary>
    public RunRecord Write(int index, string text)
    {
        AtomicFile.WriteAllText(RecordPath(_runs, Runs[index]), text);
        return RunRecord.Read(text);
    }

    /// <summary>The path of <paramref name="run"/>'s record in the runs directory <paramref name="runs"/>.</summary>
    internal static string RecordPath(string runs, StudyRun run) => Path.Combine(runs, run.Key + ".json");

    private static void Claim(Study study, string runs)
    {
        string idPath = Path.Combine(runs, "study.id");
        string id = StudyRunner.Identity(study);
        if (File.Exists(idPath))
        {
            string found = File.ReadAllText(idPath).Trim();
            if (found != id)
            {
                throw new StudyOutputException(
                    $"{Path.GetDirectoryName(runs)} holds the runs of another version of this scenario (its text, seed or a cost profile file it names changed); " +
                    "expected the same study to resume it: use another --out, or --fresh to discard those runs");
            }
            return;
        }
        if (Directory.EnumerateFiles(runs, "p*.json").Any())
            throw new StudyOutputException($"{Path.GetDirectoryName(runs)} holds runs of an unknown study; use another --out, or --fresh to discard them");
        AtomicFile.WriteAllText(idPath, id + "\n");
    }

    /// <summary>The record of <paramref name="run"/> in <paramref name="runs"/>; null when it is missing or not this run's (it runs again).</summary>
    private static RunRecord? TryRead(string runs, StudyRun run)
    {
        string path = RecordPath(runs, run);
        if (!File.Exists(path)) return null;
        try
        {
            var record = RunRecord.Read(File.ReadAllText(path));
            return record.Point == run.Point.Index && record.Replication == run.Replication && record.Seed == run.Seed ? record : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
