using System.Diagnostics;
using System.Text.Json;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>examples/load_results.py</c> (standard library only) reads a run's results.json and a study's results.json and
/// results.csv into tidy rows whose values are the files' own, with Debian's python3.
/// </summary>
public sealed class LoadResultsScriptTests
{
    private const string Study = """
        name: load-test
        seed: 4
        duration: 2ms
        guests:
          - name: vm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 0.5, span: 1MiB } }
        replications: 2
        sweep:
          grid:
            - { path: guests.vm.devices.blk0.workload.queueDepth, values: [1, 4] }
        """;

    [Fact]
    public void The_script_reads_run_and_study_results_into_tidy_rows_with_the_files_values()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, Study);
        Assert.Equal(0, CliHarness.Run("run", file, "--out", Path.Combine(directory, "run")).ExitCode);
        Assert.Equal(0, CliHarness.Run("sweep", file, "--out", Path.Combine(directory, "sweep"), "--jobs", "1").ExitCode);

        string run = Path.Combine(directory, "run", "results.json");
        var (code, output) = Python(run, "--metric", "vm/blk0/driver/latency");
        Assert.Equal(0, code);
        using var tree = JsonDocument.Parse(File.ReadAllText(run));
        double count = tree.RootElement.GetProperty("metrics").GetProperty("vm/blk0/driver/latency").GetProperty("count").GetDouble();
        Assert.Contains($"\"statistic\": \"count\", \"unit\": \"s\", \"value\": {count}", output);

        var (studyCode, studyOutput) = Python(Path.Combine(directory, "sweep", "results.json"));
        Assert.Equal(0, studyCode);
        Assert.Contains("\"queueDepth\": \"1\"", studyOutput);
        var (csvCode, csvOutput) = Python(Path.Combine(directory, "sweep", "results.csv"), "--metric", "vm/blk0/driver/requests");
        Assert.Equal(0, csvCode);
        // Two points x two replications, one row each for the counter's count and per-second rate.
        Assert.StartsWith("8 rows from", csvOutput);

        var (badCode, _) = Python(file);
        Assert.Equal(2, badCode);
    }

    private static (int Code, string Output) Python(params string[] args)
    {
        string script = Path.Combine(CliHarness.RepositoryRoot(), "examples", "load_results.py");
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
