namespace Sim.Cli.Tests;

/// <summary><c>sim metrics FILE</c> lists a scenario's metrics with kind, unit and meaning, as a table or CSV.</summary>
public sealed class MetricsCommandTests
{
    [Fact]
    public void Metrics_lists_paths_with_kind_unit_and_meaning()
    {
        string file = Path.Combine(CliHarness.RepositoryRoot(), "scenarios", "quickstart.yaml");
        var csv = CliHarness.Run("metrics", file, "--match", "xen-grants/blk0/driver/latency", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,kind,unit,meaning", lines[0]);
        Assert.StartsWith("xen-grants/blk0/driver/latency,histogram,s,", lines[1]);
        Assert.Equal(2, lines.Length);

        var table = CliHarness.Run("metrics", file, "--match", "kvm-vhost-user/blk0/backend/kicksIgnored");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("kvm-vhost-user/blk0/backend/kicksIgnored", table.Output);
        Assert.Contains("DEVICE_NEEDS_RESET", table.Output);
    }
}
