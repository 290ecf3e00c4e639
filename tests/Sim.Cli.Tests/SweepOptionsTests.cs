using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Text.Json;
using Sim.Cli.Output;
using Sim.Cli.Tests.Output;
using Sim.Studies;

namespace Sim.Cli.Tests;

/// <summary>A small queueing study (2 points x 2 replications of 5 ms), swept once for the tests of sweep's options and of comparing its run records.</summary>
public sealed class SmallSweep
{
    public const string Text = """
        name: mm1-small
        seed: 5
        duration: 5ms
        warmup: 1ms
        queueing:
          sources:
            - { name: arrivals, interarrival: { exponential: 10us }, to: server }
          servers:
            - { name: server, service: { exponential: 8us }, to: sink }
          sinks:
            - { name: sink }
        replications: 2
        sweep:
          grid:
            - name: service
              path: queueing.servers.server.service.exponential
              values: [4us, 8us]
          metrics: [sink/response.mean, sink/received.perSecond]
        """;

    public SmallSweep()
    {
        string root = CliHarness.TempDirectory();
        File = Path.Combine(root, "small.yaml");
        System.IO.File.WriteAllText(File, Text);
        Directory = Path.Combine(root, "small");
        var first = CliHarness.Run("sweep", File, "--out", Directory, "--jobs", "2");
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        FirstOutput = first.Output;
    }

    /// <summary>The scenario file.</summary>
    public string File { get; }

    /// <summary>The sweep's output directory (named small).</summary>
    public string Directory { get; }

    /// <summary>What the first sweep printed.</summary>
    public string FirstOutput { get; }

    /// <summary>The study's summary, read back from its run records.</summary>
    public StudySummary Summary()
    {
        var study = StudyLoader.LoadFile(File);
        var records = System.IO.Directory.GetFiles(Path.Combine(Directory, "runs"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => RunRecord.Read(System.IO.File.ReadAllText(f))).ToList();
        return StudySummary.Of(study, records);
    }
}

/// <summary>
/// <c>sim sweep</c>'s table with units, <c>--metrics</c>, <c>--quiet</c> and <c>--format</c>; the units recorded in its
/// results.json; and <c>sim compare</c> of its per-run records, alone and mixed with its points.
/// </summary>
public sealed class SweepOptionsTests(SmallSweep sweep) : IClassFixture<SmallSweep>
{
    [Fact]
    public void The_sweep_table_shows_every_figure_with_its_unit_and_the_results_record_units()
    {
        Assert.Matches(@"[0-9.]+ ± [0-9.]+ µs", sweep.FirstOutput);
        Assert.Matches(@"[0-9.]+ ± [0-9.]+ k/s", sweep.FirstOutput);
        Assert.DoesNotContain("µ ", sweep.FirstOutput.Replace("µs", ""));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep.Directory, "results.json")));
        var metrics = json.RootElement.GetProperty("points")[0].GetProperty("metrics");
        Assert.Equal("s", metrics.GetProperty("sink/response.mean").GetProperty("unit").GetString());
        Assert.Equal("/s", metrics.GetProperty("sink/received.perSecond").GetProperty("unit").GetString());
        Assert.Equal("", metrics.GetProperty("sink/response.count").GetProperty("unit").GetString());
    }

    [Fact]
    public void Metrics_choose_the_columns_quiet_drops_the_progress_and_format_writes_csv()
    {
        var result = CliHarness.Run("sweep", sweep.File, "--out", sweep.Directory, "--metrics", "sink/response.p*", "--metric", "**/nothing", "--quiet");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.DoesNotContain("resumed", result.Output);
        Assert.Contains("sink/response.p99", result.Output);
        Assert.DoesNotContain("received.perSecond", result.Output);
        Assert.Contains("warning: --metrics '**/nothing' matches no metric of this study", result.Output);

        var csv = CliHarness.Run("sweep", sweep.File, "--out", sweep.Directory, "--metrics", "sink/response.mean", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, csv.ExitCode);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("point,service,sink/response.mean,n", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^#0,4us,[0-9.]+ ± [0-9.]+ µs,2$", lines[1]);
        Assert.Contains("resumed", csv.Error); // the resume note stays off the table's stream
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void The_sweep_table_fits_the_width_without_splitting_a_figure(int width)
    {
        var summary = sweep.Summary();
        TableWidth.AssertFits(StudyTable.Build(summary), width, "small sweep");
        TableWidth.AssertFits(StudyTable.Build(summary, ["sink/**", "server/**"]), width, "small sweep, every metric");
    }

    [Fact]
    public void Run_records_are_compared_alone_or_mixed_with_study_points()
    {
        string runs = Path.Combine(sweep.Directory, "runs");
        var records = CliHarness.Run("compare", Path.Combine(runs, "p0000-r000.json"), Path.Combine(runs, "p0001-r000.json"), "--metric", "sink/response.mean");

        Assert.Equal(ExitCodes.Ok, records.ExitCode);
        Assert.Contains("comparing 2 item(s) of small on 1 metric(s) under sink/; baseline: #0 r0 (service=4us)", records.Output);
        Assert.Matches(@"│ response\.mean +│ +[0-9.]+ [nµ]s │ +[0-9.]+ [nµ]s \([+-][0-9.]+%\) │", records.Output);
        Assert.Contains("One sample each", records.Output);

        var mixed = CliHarness.Run("compare", sweep.Directory + "#1", Path.Combine(runs, "p0001-r001.json"), "--format", "csv");
        Assert.Equal(ExitCodes.Ok, mixed.ExitCode);
        var lines = mixed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,small#1 (service=8us) (baseline),small#1 r1 (service=8us)", lines[0]);
        Assert.Equal("samples (n),2,1", lines[1]);
        Assert.Contains("overlap", lines[2]); // a replication's value lies within its point's interval
    }
}
