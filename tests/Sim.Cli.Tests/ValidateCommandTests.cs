namespace Sim.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void The_quickstart_scenario_is_valid()
    {
        var result = CliHarness.Run("validate", Path.Combine(CliHarness.RepositoryRoot(), "scenarios", "queueing", "mm1.yaml"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("valid scenario 'mm1'", result.Output);
    }

    [Fact]
    public void Every_validation_experiment_is_valid_as_the_experiment_it_is()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(CliHarness.RepositoryRoot(), "validation"), "*.yaml"))
        {
            var result = CliHarness.Run("validate", file);
            Assert.True(result.ExitCode == ExitCodes.Ok, $"{file}: {result.Error}");
            Assert.Contains("valid validation experiment", result.Output);
        }
    }

    [Fact]
    public void An_invalid_file_exits_2_with_a_located_message_and_no_stack_trace()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "typo.yaml");
        File.WriteAllText(file, "name: x\nseed: 1\ndurration: 1s\nqueueing: {}\n");
        var result = CliHarness.Run("validate", file);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {file}:3:1: ", result.Error);
        Assert.Contains("did you mean 'duration'", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_missing_file_is_bad_input_not_a_crash()
    {
        var result = CliHarness.Run("validate", "/nonexistent/nowhere.yaml");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("nowhere.yaml", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Unknown_options_are_bad_input_and_help_lists_the_commands()
    {
        Assert.Equal(ExitCodes.BadInput, CliHarness.Run("validate", "--frobnicate").ExitCode);
        var help = CliHarness.Run("--help");
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        foreach (string command in new[] { "run", "validate", "bench" }) Assert.Contains(command, help.Output);
        Assert.Contains("--seed", CliHarness.Run("run", "--help").Output);
        Assert.Contains("--pending", CliHarness.Run("bench", "kernel", "--help").Output);
    }
}
