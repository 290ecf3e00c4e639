using System.Text.Json;

namespace Sim.Cli.Tests;

public sealed class RunCommandTests
{
    private const string Scenario = """
        name: tiny
        seed: 5
        duration: 50ms
        warmup: 5ms
        queueing:
          sources:
            - name: arrivals
              interarrival: { exponential: 10us }
              to: server
          servers:
            - name: server
              service: { exponential: 8us }
              to: sink
          sinks:
            - name: sink
        """;

    private static (string File, string Out) Prepare()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "tiny.yaml");
        File.WriteAllText(file, Scenario);
        return (file, Path.Combine(directory, "out"));
    }

    [Fact]
    public void A_holding_claim_is_in_results_json_and_a_failing_one_exits_4()
    {
        var (file, outDir) = Prepare();
        File.WriteAllText(file, Scenario + "\nclaims:\n  fast enough: sojourn.mean[server] < 1\n  too fast: sojourn.mean[server] < 1e-9\n");
        var result = CliHarness.Run("run", file, "--out", outDir);
        Assert.Equal(ExitCodes.ClaimsFail, result.ExitCode);
        Assert.Contains("claims: 1 hold, 1 fail, 0 undecided", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var outcomes = json.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["holds", "fails"], outcomes);
    }

    [Fact]
    public void A_claim_on_a_value_the_run_lacks_is_bad_input_after_the_results_are_written()
    {
        var (file, outDir) = Prepare();
        File.WriteAllText(file, Scenario + "\nclaims:\n  odd: sojourn.nope[server] < 1\n");
        var result = CliHarness.Run("run", file, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{file}:17:8: claim 'odd': no metric value is named sojourn.nope", result.Error);
        Assert.True(File.Exists(Path.Combine(outDir, "results.json")), "the run's results are kept");
    }

    [Fact]
    public void Run_writes_results_json_and_prints_a_summary()
    {
        var (file, outDir) = Prepare();
        var result = CliHarness.Run("run", file, "--out", outDir);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("server/sojourn", result.Output);
        Assert.Contains("complete", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("tiny", json.RootElement.GetProperty("scenario").GetString());
        Assert.Equal(5UL, json.RootElement.GetProperty("seed").GetUInt64());
        Assert.False(json.RootElement.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public void The_seed_option_overrides_the_scenario_and_the_same_seed_repeats_byte_for_byte()
    {
        var (file, outDir) = Prepare();
        string a = Path.Combine(outDir, "a"), b = Path.Combine(outDir, "b"), c = Path.Combine(outDir, "c");
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--seed", "77", "--out", a).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--seed", "77", "--out", b).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", c).ExitCode);
        byte[] first = File.ReadAllBytes(Path.Combine(a, "results.json"));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(b, "results.json")));
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(c, "results.json")));
        using var json = JsonDocument.Parse(first);
        Assert.Equal(77UL, json.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Running_an_invalid_scenario_behaves_like_validate()
    {
        var (file, outDir) = Prepare();
        File.WriteAllText(file, Scenario.Replace("duration: 50ms", "duration: 50 parsecs"));
        var result = CliHarness.Run("run", file, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{file}:3:11: ", result.Error);
        Assert.Contains("parsecs", result.Error);
        Assert.False(File.Exists(Path.Combine(outDir, "results.json")));
    }

    [Fact]
    public async Task Cancelling_a_run_writes_partial_results()
    {
        var (file, outDir) = Prepare();
        File.WriteAllText(file, Scenario.Replace("duration: 50ms", "duration: 1000s"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var output = new StringWriter();
        int code = await CliApp.InvokeAsync(["run", file, "--out", outDir], output, new StringWriter(), cancel.Token);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("PARTIAL (cancelled)", output.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.True(json.RootElement.GetProperty("partial").GetBoolean());
        Assert.Equal("cancelled", json.RootElement.GetProperty("stopReason").GetString());
    }

    [Fact]
    public void An_experiment_of_the_fidelity_suite_runs_as_the_scenario_it_reproduces()
    {
        string outDir = Path.Combine(CliHarness.TempDirectory(), "out");
        var result = CliHarness.Run("run", Path.Combine(Sim.Tests.Shared.RepositoryPaths.Root(), "validation/wang-vhost-net-rx.yaml"), "--out", outDir);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("wang-vhost-net-rx seed 1: complete", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.True(json.RootElement.GetProperty("metrics").GetProperty("vm/net0/driver/rxPackets").GetProperty("count").GetDouble() > 10_000);
    }

    [Fact]
    public void A_malformed_experiment_is_a_located_error_like_any_scenario()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "bad.yaml");
        File.WriteAllText(file, Scenario + "\nexpect:\n  role: validator\n");
        var result = CliHarness.Run("run", file);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("bad.yaml:", result.Error);
        Assert.Contains("'validator'", result.Error);
    }
}
