namespace Sim.Cli.Tests.Output;

/// <summary>The run summary lists devices in the scenario's order, not the alphabet's, in every format.</summary>
public sealed class SummaryOrderTests
{
    [Fact]
    public void Devices_come_in_the_order_the_scenario_names_them()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, """
            name: order
            seed: 1
            duration: 1ms
            guests:
              - name: zeta
                devices:
                  - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 2, span: 1MiB } }
              - name: alpha
                devices:
                  - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 2, span: 1MiB } }
            """);
        var result = CliHarness.Run("run", file, "--out", Path.Combine(directory, "out"), "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        var items = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["zeta/blk0", "alpha/blk0"], items);
    }
}
