namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim compare</c> in-process on hand-written results files: one wide table, metrics as rows and items as columns;
/// two runs give both labels and the difference, and say that single samples have no interval; a study's points get
/// disjoint or overlapping intervals and the significance count; bad input exits 2 naming the file or pattern.
/// </summary>
public sealed class CompareCommandTests
{
    private static string Run(double requests, double latencyMean) => $$"""
        {
          "format": "virtiosim-results/1", "scenario": "tiny", "seed": 1, "duration": 2.0, "warmup": 0.5,
          "simulatedTime": 2.0, "events": 10, "partial": false, "stopReason": "end-reached",
          "metrics": {
            "g/blk0/driver/requests": { "kind": "counter", "unit": "requests", "count": {{requests}} },
            "g/blk0/driver/latency": { "kind": "histogram", "unit": "s", "count": 3, "mean": {{latencyMean}}, "p99": 0.004 }
          },
          "findings": []
        }
        """;

    private const string Study = """
        {
          "format": "virtiosim-study/1", "scenario": "tiny", "replications": 5, "confidence": 0.95, "parameters": [],
          "points": [
            { "index": 0, "label": "sharing=grant-map", "values": {}, "runs": 5, "metrics": {
                "g/blk0/driver/latency.mean": { "n": 5, "mean": 5e-05, "stddev": 1e-06, "halfWidth": 1e-06, "low": 4.9e-05, "high": 5.1e-05, "unit": "s" },
                "g/blk0/driver/latency.p99": { "n": 5, "mean": 8e-05, "stddev": 4e-06, "halfWidth": 5e-06, "low": 7.5e-05, "high": 8.5e-05, "unit": "s" } } },
            { "index": 1, "label": "sharing=grant-persistent", "values": {}, "runs": 5, "metrics": {
                "g/blk0/driver/latency.mean": { "n": 5, "mean": 4e-05, "stddev": 1e-06, "halfWidth": 1e-06, "low": 3.9e-05, "high": 4.1e-05, "unit": "s" },
                "g/blk0/driver/latency.p99": { "n": 5, "mean": 7.8e-05, "stddev": 4e-06, "halfWidth": 5e-06, "low": 7.3e-05, "high": 8.3e-05, "unit": "s" } } }
          ],
          "selected": ["g/blk0/driver/latency.mean", "g/blk0/driver/latency.p99"],
          "warnings": []
        }
        """;

    private static string Write(string root, string name, string json)
    {
        string directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), json);
        return directory;
    }

    [Fact]
    public void Two_runs_give_one_table_with_both_labels_and_the_difference_and_no_claim_of_significance()
    {
        string root = CliHarness.TempDirectory();
        string before = Write(root, "before", Run(requests: 300, latencyMean: 0.002));
        string after = Write(root, "after", Run(requests: 450, latencyMean: 0.003));

        var result = CliHarness.Run("compare", before, after);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("on 3 metric(s) under g/blk0/driver/", result.Output);
        Assert.Contains("│ requests.perSecond", result.Output);
        Assert.Contains("│ latency.mean", result.Output);
        Assert.Contains("before (baseline)", result.Output);
        Assert.Contains("after", result.Output);
        Assert.Contains("300 /s (+50.0%)", result.Output);   // 300 vs 200 requests/s over the 1.5 s measured
        Assert.Contains("3.00 ms (+50.0%)", result.Output);  // latency rises by half too, in its unit
        Assert.Contains("One sample each: no confidence interval", result.Output);
        Assert.DoesNotContain("differ significantly", result.Output);
    }

    [Fact]
    public void A_study_compares_its_points_with_the_overlap_of_their_intervals()
    {
        string study = Write(CliHarness.TempDirectory(), "grants", Study);

        var result = CliHarness.Run("compare", study);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("comparing 2 item(s) of grants on 2 metric(s) under g/blk0/driver/", result.Output);
        Assert.Contains("#0 (sharing=grant-map) (baseline)", result.Output);
        Assert.Contains("#1 (sharing=grant-persistent)", result.Output);
        Assert.Contains("50.0 ± 1.00 µs", result.Output);
        Assert.Contains("-20.0%", result.Output);
        var rows = result.Output.Split('\n').Where(l => l.StartsWith("│ latency.")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("-20.0%, disjoint)", rows[0]); // latency.mean: [39, 41] vs [49, 51]
        Assert.Contains("-2.5%, overlap)", rows[1]);   // latency.p99: [73, 83] vs [75, 85]
        Assert.Contains("1 of 2 metric(s) differ significantly", result.Output);
    }

    [Fact]
    public void The_comparison_is_also_csv_with_metrics_as_rows_and_items_as_columns()
    {
        string study = Write(CliHarness.TempDirectory(), "grants", Study);

        var result = CliHarness.Run("compare", study, "--format", "csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,grants#0 (sharing=grant-map) (baseline),grants#1 (sharing=grant-persistent)", lines[0]);
        Assert.Equal("samples (n),5,5", lines[1]);
        Assert.StartsWith("g/blk0/driver/latency.mean,50.0 ± 1.00 µs,", lines[2]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Metric_patterns_and_the_baseline_option_choose_what_is_compared_against_what()
    {
        string study = Write(CliHarness.TempDirectory(), "grants", Study);

        var result = CliHarness.Run("compare", study, "--metric", "**/latency.p99", "--baseline", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("#1 (sharing=grant-persistent) (baseline)", result.Output);
        Assert.DoesNotContain("latency.mean", result.Output);
        Assert.Contains("+2.6%", result.Output); // 80 vs 78
    }

    [Fact]
    public void A_bad_file_exits_2_with_the_file_named_and_no_stack_trace()
    {
        string root = CliHarness.TempDirectory();
        string good = Write(root, "good", Run(1, 1));
        string bad = Path.Combine(root, "bad.json");
        File.WriteAllText(bad, """{ "format": "something-else/9" }""");

        var result = CliHarness.Run("compare", good, bad);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(bad, result.Error);
        Assert.Contains("something-else/9", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_single_run_or_a_pattern_matching_nothing_exits_2()
    {
        string root = CliHarness.TempDirectory();
        string one = Write(root, "one", Run(1, 1));
        string two = Write(root, "two", Run(2, 2));

        var alone = CliHarness.Run("compare", one);
        Assert.Equal(ExitCodes.BadInput, alone.ExitCode);
        Assert.Contains("at least two", alone.Error);

        var typo = CliHarness.Run("compare", one, two, "--metric", "**/lantency.mean");
        Assert.Equal(ExitCodes.BadInput, typo.ExitCode);
        Assert.Contains("'**/lantency.mean'", typo.Error);
    }

    [Fact]
    public void Points_restrict_the_study_and_an_unknown_point_exits_2()
    {
        string study = Write(CliHarness.TempDirectory(), "grants", Study);

        var single = CliHarness.Run("compare", study, "--points", "1");
        Assert.Equal(ExitCodes.BadInput, single.ExitCode); // one point left: nothing to compare

        var unknown = CliHarness.Run("compare", study, "--points", "0,4");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("no point 4", unknown.Error);
    }
}
