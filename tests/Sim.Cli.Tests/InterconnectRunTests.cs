namespace Sim.Cli.Tests;

/// <summary><c>sim run</c> on an interconnect scenario: the variant table, results.json and the bus series CSV, the same bytes twice.</summary>
public sealed class InterconnectRunTests
{
    private const string Scenario = """
        name: bus-tiny
        seed: 3
        duration: 60ms
        warmup: 10ms
        guests:
          - name: vm1
            platform: kvm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 64KiB, queueDepth: 2, interarrival: { exponential: 1ms } } }
        interconnect:
          bus:
            levels:
              - { bandwidth: 500MB/s, power: 100mW, transition: 20us }
              - { bandwidth: 2GB/s, power: 400mW, transition: 20us }
          vms:
            - { guest: vm1, display: { width: 800, height: 600, refresh: 60Hz, chunks: 2 }, voter: { behaviour: honest, start: 1ms } }
          variants: [ icc, top ]
        """;

    [Fact]
    public void Run_prints_one_row_per_variant_and_writes_results_and_a_tidy_series_csv_the_same_twice()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "bus.yaml");
        File.WriteAllText(file, Scenario);
        string a = Path.Combine(directory, "a"), b = Path.Combine(directory, "b");
        var result = CliHarness.Run("run", file, "--out", a);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("energy", result.Output);
        Assert.Matches(@"\d (m|µ)?J ", result.Output);
        Assert.Contains("│ icc", result.Output);
        Assert.Contains("│ top", result.Output);
        Assert.Equal(ExitCodes.Ok, CliHarness.Run("run", file, "--out", b).ExitCode);

        string[] csv = File.ReadAllLines(Path.Combine(a, "series.csv"));
        Assert.Equal("world,time_s,series,value", csv[0]);
        Assert.Contains(csv, line => line.StartsWith("icc,", StringComparison.Ordinal) && line.Contains(",level,", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("top,", StringComparison.Ordinal) && line.Contains(",rate/vm1,", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "series.csv")), File.ReadAllBytes(Path.Combine(b, "series.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "results.json")), File.ReadAllBytes(Path.Combine(b, "results.json")));
    }
}
