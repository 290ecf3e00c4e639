using System.Text.Json;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim run FILE --set PATH=VALUE</c>: a value set on the command line runs exactly as the same value written in the
/// file, is recorded in results.json, and a bad path or value is an error naming the option.
/// </summary>
public sealed class SetOverrideTests
{
    private const string Scenario = """
        name: set-test
        seed: 4
        duration: 4ms
        warmup: 1ms
        guests:
          - name: vm
            devices:
              - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 8, readFraction: 0.5, span: 1MiB } }
        """;

    [Fact]
    public void A_value_set_on_the_command_line_runs_as_the_same_value_written_in_the_file_and_is_recorded()
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml"), edited = Path.Combine(directory, "edited.yaml");
        File.WriteAllText(file, Scenario);
        File.WriteAllText(edited, Scenario.Replace("queueDepth: 8", "queueDepth: 2").Replace("seed: 4", "seed: 9"));

        var set = CliHarness.Run("run", file, "--set", "guests.vm.devices.blk0.workload.queueDepth=2", "--set", "seed=9", "--out", Path.Combine(directory, "set"));
        var written = CliHarness.Run("run", edited, "--out", Path.Combine(directory, "written"));
        var plain = CliHarness.Run("run", file, "--out", Path.Combine(directory, "plain"));
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(0, written.ExitCode);

        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "set", "results.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "written", "results.json")));
        using var c = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "plain", "results.json")));
        Assert.Equal(b.RootElement.GetProperty("metrics").GetRawText(), a.RootElement.GetProperty("metrics").GetRawText());
        Assert.NotEqual(c.RootElement.GetProperty("metrics").GetRawText(), a.RootElement.GetProperty("metrics").GetRawText());
        var overrides = a.RootElement.GetProperty("overrides").EnumerateArray().Select(o => (o.GetProperty("path").GetString(), o.GetProperty("value").GetString())).ToList();
        Assert.Equal([("guests.vm.devices.blk0.workload.queueDepth", "2"), ("seed", "9")], overrides);
        Assert.False(c.RootElement.TryGetProperty("overrides", out _));
    }

    [Theory]
    [InlineData("guests.nope.devices.blk0.workload.queueDepth=2", "error: --set guests.nope.devices.blk0.workload.queueDepth=2:", "no item named 'nope'")]
    [InlineData("guests.vm.devices.blk0.workload.queueDepth=lots", "error: --set guests.vm.devices.blk0.workload.queueDepth=lots:1:", "expected an integer")]
    [InlineData("guests.vm.devices.blk0.workload.queueDeep=2", "error: --set guests.vm.devices.blk0.workload.queueDeep=2:1:", "did you mean 'queueDepth'")]
    [InlineData("queueDepth", "error: --set queueDepth:", "is not PATH=VALUE")]
    public void A_bad_setting_is_an_error_naming_the_option(string setting, string start, string problem)
    {
        string directory = CliHarness.TempDirectory();
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, Scenario);
        var result = CliHarness.Run("run", file, "--set", setting, "--out", Path.Combine(directory, "out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith(start, result.Error);
        Assert.Contains(problem, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(directory, "out", "results.json")));
    }
}
