using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>
/// A study's results depend only on the study: not on the number of jobs, not on being stopped and resumed; and any
/// run of it can be repeated alone.
/// </summary>
public sealed class StudyRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("virtiosim-study-").FullName;

    private static readonly Study Mm1 = StudyLoader.LoadText(StudyText.Mm1("""
        replications: 3
        sweep:
          grid:
            - { name: service, path: queueing.servers.server.service.exponential, values: [5us, 8us] }
            - { name: gap, path: queueing.sources.arrivals.interarrival.exponential, values: [10us, 20us] }
        """, duration: "10ms"), "mm1-study.yaml");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Results(string name, int jobs)
    {
        string dir = Path.Combine(_root, name);
        var outcome = StudyRunner.Run(Mm1, dir, jobs);
        Assert.False(outcome.Incomplete);
        string fromFiles = StudyResultsJson.Write(StudySummary.Of(Mm1, StudyRunner.ReadRecords(Mm1, dir)));
        Assert.Equal(fromFiles, StudyResultsJson.Write(StudySummary.Of(Mm1, outcome.Records))); // the run's own records are the files'
        return fromFiles;
    }

    [Fact]
    public void One_job_and_two_jobs_give_byte_identical_results()
    {
        string one = Results("one", 1);
        string two = Results("two", 2);
        Assert.Equal(one, two);
        Assert.Contains("\"complete\": true", one);
    }

    [Fact]
    public void A_resumed_study_runs_only_what_is_missing_and_ends_with_the_same_bytes()
    {
        string whole = Results("whole", 2);
        string dir = Path.Combine(_root, "resumed");
        StudyRunner.Run(Mm1, dir, 2);
        string runs = Path.Combine(dir, StudyRunner.RunsDirectory);
        // A crash: two records never written, and a torn temporary file left behind.
        File.Delete(Path.Combine(runs, "p0001-r002.json"));
        File.Delete(Path.Combine(runs, "p0003-r000.json"));
        File.WriteAllText(Path.Combine(runs, "p0003-r000.json.123.4.tmp"), "{ \"format\": ");
        var outcome = StudyRunner.Run(Mm1, dir, 2);
        Assert.Equal(2, outcome.Ran);
        Assert.Equal(10, outcome.Reused);
        Assert.Empty(Directory.EnumerateFiles(runs, "*.tmp"));
        Assert.Equal(whole, StudyResultsJson.Write(StudySummary.Of(Mm1, StudyRunner.ReadRecords(Mm1, dir))));
    }

    [Fact]
    public void A_cancelled_study_keeps_what_it_finished_and_resumes_to_the_same_bytes()
    {
        string whole = Results("whole", 1);
        string dir = Path.Combine(_root, "cancelled");
        using var cancel = new CancellationTokenSource();
        var first = StudyRunner.Run(Mm1, dir, 1, cancel.Token, progress =>
        {
            if (progress.DoneThisSession == 5) cancel.Cancel();
        });
        Assert.True(first.Incomplete);
        Assert.Equal(5, first.Ran);
        var partial = StudySummary.Of(Mm1, StudyRunner.ReadRecords(Mm1, dir));
        Assert.False(partial.Complete);
        var second = StudyRunner.Run(Mm1, dir, 2);
        Assert.Equal(7, second.Ran);
        Assert.Equal(whole, StudyResultsJson.Write(StudySummary.Of(Mm1, StudyRunner.ReadRecords(Mm1, dir))));
    }

    [Fact]
    public void A_directory_of_another_version_of_the_scenario_is_refused()
    {
        string dir = Path.Combine(_root, "other");
        StudyRunner.Run(Mm1, dir, 2);
        var changed = Mm1 with { Text = Mm1.Text + "\n# edited\n" };
        var error = Assert.Throws<StudyOutputException>(() => StudyRunner.Run(changed, dir, 1));
        Assert.Contains("another version of this scenario", error.Message);
    }

    [Fact]
    public void Any_run_repeats_alone_from_its_point_and_replication()
    {
        string dir = Path.Combine(_root, "alone");
        StudyRunner.Run(Mm1, dir, 2);
        var run = Mm1.Run(2, 1);
        var alone = ScenarioRunner.Run(run.Model);
        var recorded = RunRecord.Read(File.ReadAllText(Path.Combine(dir, StudyRunner.RunsDirectory, "p0002-r001.json")));
        Assert.Equal(run.Seed, recorded.Seed);
        Assert.Equal(RunRecord.Write(run, alone), File.ReadAllText(Path.Combine(dir, StudyRunner.RunsDirectory, "p0002-r001.json")));
    }

    [Fact]
    public void Summaries_average_replications_and_flag_wide_intervals()
    {
        string dir = Path.Combine(_root, "summary");
        StudyRunner.Run(Mm1, dir, 2);
        var records = StudyRunner.ReadRecords(Mm1, dir);
        var summary = StudySummary.Of(Mm1, records);
        string key = "sink/response.mean";
        var point = summary.Points[1];
        var samples = records.Where(r => r.Point == 1).Select(r => r.Values.Single(v => v.Key == key).Value).ToList();
        Assert.Equal(samples.Average(), point.Get(key)!.Mean, 12);
        Assert.Equal(3, point.Get(key)!.Count);
        Assert.All(summary.Warnings.Where(w => w.Summary is not null), w => Assert.True(w.Summary!.RelativeHalfWidth > Mm1.Declaration.WarnWidth));
        // Counters get a rate over the measured time (10ms - 2ms warm-up).
        double count = point.Get("sink/received.count")!.Mean;
        Assert.Equal(count / 0.008, point.Get("sink/received.perSecond")!.Mean, 6);
    }
}
