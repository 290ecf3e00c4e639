namespace Sim.Cli.Tests.Output;

/// <summary>
/// <c>headline: [path.value, ...]</c>: the figures a scenario is about come first in its summary, with their units; a
/// key that is not a metric value is a located error, one naming no metric of the run says so in its row.
/// </summary>
public sealed class HeadlineTests
{
    private static string Scenario(string headline) => $$"""
        name: headline
        seed: 1
        duration: 1ms
        headline: {{headline}}
        guests:
          - name: vm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 2, span: 1MiB } }
        """;

    [Fact]
    public void The_declared_figures_come_first_with_their_units()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, Scenario("[vm/blk0/driver/latency.p99, vm/blk0/driver/requests.count, vm/blk0/driver/nothing.mean]"));
        var result = CliHarness.Run("run", file, "--out", Path.Combine(directory, "out"));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        int headline = Array.FindIndex(lines, l => l.Contains("vm/blk0/driver/latency.p99", StringComparison.Ordinal));
        int devices = Array.FindIndex(lines, l => l.Contains("│ vm/blk0 ", StringComparison.Ordinal) || l.Contains("vm/blk0 │", StringComparison.Ordinal));
        Assert.True(headline > 0 && headline < devices, result.Output);
        Assert.Matches(@"latency\.p99 +│ +[0-9.]+ µs", lines[headline]);
        Assert.Contains(lines, l => l.Contains("vm/blk0/driver/nothing.mean", StringComparison.Ordinal) && l.Contains("no such metric", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[latency]", "a metric path and one of its values joined by '.'")]
    [InlineData("[vm/blk0/driver/latency.p99, vm/blk0/driver/latency.p99]", "listed twice")]
    [InlineData("[]", "a non-empty list")]
    public void A_malformed_headline_is_a_located_error(string headline, string problem)
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, Scenario(headline));
        var result = CliHarness.Run("validate", file);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {file}:4:", result.Error);
        Assert.Contains(problem, result.Error);
    }
}
