using System.Text.Json;

namespace Sim.Cli.Tests;

/// <summary><c>sim sweep</c>, and the study side of <c>run</c> and <c>validate</c>, end to end in-process.</summary>
public sealed class SweepCommandTests
{
    private const string Study = """
        name: mm1-sweep
        seed: 5
        duration: 10ms
        warmup: 1ms
        queueing:
          sources:
            - { name: arrivals, interarrival: { exponential: 10us }, to: server }
          servers:
            - { name: server, service: { exponential: 8us }, to: sink }
          sinks:
            - { name: sink }
        replications: 3
        sweep:
          grid:
            - name: service
              path: queueing.servers.server.service.exponential
              values: [4us, 8us]
          metrics: [sink/response.mean, sink/received.perSecond]
        """;

    private static string Write(string directory, string text, string name = "study.yaml")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_sweep_writes_results_csv_and_report_and_prints_one_row_per_point()
    {
        string dir = CliHarness.TempDirectory();
        string file = Write(dir, Study);
        string outDir = Path.Combine(dir, "out");
        var result = CliHarness.Run("sweep", file, "--out", outDir, "--jobs", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 point(s) x 3 replication(s), complete", result.Output);
        Assert.Contains("4us", result.Output);
        Assert.Contains("6/6 runs", result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("virtiosim-study/1", json.RootElement.GetProperty("format").GetString());
        var points = json.RootElement.GetProperty("points");
        Assert.Equal(2, points.GetArrayLength());
        Assert.Equal(3, points[1].GetProperty("metrics").GetProperty("sink/response.mean").GetProperty("n").GetInt32());
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal(7, csv.Length); // a header and one row per point x replication
        Assert.StartsWith("point,replication,seed,service,partial,findings,", csv[0]);
        Assert.Contains("<svg class=\"chart\"", File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void Running_the_same_sweep_again_resumes_and_fresh_starts_over()
    {
        string dir = CliHarness.TempDirectory();
        string file = Write(dir, Study);
        string outDir = Path.Combine(dir, "out");
        var first = CliHarness.Run("sweep", file, "--out", outDir, "--jobs", "1");
        string results = File.ReadAllText(Path.Combine(outDir, "results.json"));
        var again = CliHarness.Run("sweep", file, "--out", outDir);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("resumed: 6 run(s) found", again.Output);
        Assert.Equal(results, File.ReadAllText(Path.Combine(outDir, "results.json")));
        var fresh = CliHarness.Run("sweep", file, "--out", outDir, "--fresh");
        Assert.DoesNotContain("resumed", fresh.Output);
        Assert.Equal(results, File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal(0, first.ExitCode);
    }

    [Fact]
    public void An_edited_scenario_does_not_mix_its_runs_with_the_old_ones()
    {
        string dir = CliHarness.TempDirectory();
        string outDir = Path.Combine(dir, "out");
        CliHarness.Run("sweep", Write(dir, Study), "--out", outDir);
        var edited = CliHarness.Run("sweep", Write(dir, Study.Replace("seed: 5", "seed: 6")), "--out", outDir);
        Assert.Equal(2, edited.ExitCode);
        Assert.Contains("another version of this scenario", edited.Error);
        Assert.Contains("--fresh", edited.Error);
    }

    [Fact]
    public void A_bad_sweep_is_a_located_error_with_exit_2_and_no_stack_trace()
    {
        string dir = CliHarness.TempDirectory();
        string file = Write(dir, Study.Replace("queueing.servers.server.service.exponential", "queueing.servers.srever.service.exponential"));
        var result = CliHarness.Run("sweep", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:16:", result.Error);
        Assert.Contains("no item named 'srever'", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void Jobs_must_be_at_least_one()
    {
        string dir = CliHarness.TempDirectory();
        var result = CliHarness.Run("sweep", Write(dir, Study), "--jobs", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jobs must be at least 1", result.Error);
    }

    [Fact]
    public void One_run_of_a_sweep_repeats_alone_with_its_derived_seed()
    {
        string dir = CliHarness.TempDirectory();
        string file = Write(dir, Study);
        CliHarness.Run("sweep", file, "--out", Path.Combine(dir, "sweep"));
        var alone = CliHarness.Run("run", file, "--point", "1", "--replication", "2", "--out", Path.Combine(dir, "alone"));
        Assert.Equal(0, alone.ExitCode);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep", "runs", "p0001-r002.json")));
        string recorded = record.RootElement.GetProperty("results").GetRawText();
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "alone", "results.json")));
        Assert.Equal(record.RootElement.GetProperty("seed").GetUInt64(), run.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(recorded).RootElement), JsonSerializer.Serialize(run.RootElement));
        var outside = CliHarness.Run("run", file, "--point", "2");
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("the study has 2 point(s)", outside.Error);
    }

    [Fact]
    public void Validate_checks_every_point_and_run_notes_the_study()
    {
        string dir = CliHarness.TempDirectory();
        string file = Write(dir, Study);
        var valid = CliHarness.Run("validate", file);
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("a study of 2 point(s) x 3 replication(s)", valid.Output);
        var badValue = CliHarness.Run("validate", Write(dir, Study.Replace("[4us, 8us]", "[4us, -8us]"), "bad.yaml"));
        Assert.Equal(2, badValue.ExitCode);
        Assert.Contains("bad.yaml:17:", badValue.Error);
        var run = CliHarness.Run("run", file, "--out", Path.Combine(dir, "run"));
        Assert.Contains("`sim sweep` runs the study", run.Output);
    }
}
