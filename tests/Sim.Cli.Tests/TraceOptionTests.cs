using Sim.Tracing.Recording;

namespace Sim.Cli.Tests;

/// <summary><c>sim run --trace FILE</c>: the trace is written and read back, and the results are the same bytes as without it.</summary>
public sealed class TraceOptionTests
{
    [Fact]
    public void A_traced_run_writes_a_readable_trace_and_the_same_results()
    {
        string dir = CliHarness.TempDirectory();
        string scenario = Path.Combine(dir, "echo.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Path.Combine(CliHarness.RepositoryRoot(), "scenarios/transport/split-vs-packed.yaml"))
            .Replace("duration: ", "duration: 200us # was ").Replace("warmup: ", "warmup: 0s # was "));
        string trace = Path.Combine(dir, "run.trace");
        var traced = CliHarness.Run("run", scenario, "--trace", trace, "--out", Path.Combine(dir, "traced"));
        var plain = CliHarness.Run("run", scenario, "--out", Path.Combine(dir, "plain"));

        Assert.Equal(0, traced.ExitCode);
        Assert.Contains("trace: ", traced.Output);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "plain", "results.json")), File.ReadAllText(Path.Combine(dir, "traced", "results.json")));
        var (header, records) = TraceReader.ReadFile(trace);
        Assert.True(header.Events > 100, $"{header.Events} events");
        Assert.Contains(header.Regions, r => r.Kind == "packed-desc");
        Assert.Contains(header.Regions, r => r.Kind == "split-used");
        Assert.Equal(header.Events + header.Writes, records.Count);
        Assert.False(File.Exists(trace + ".tmp"));
        Assert.Equal(0, plain.ExitCode);
    }
}
