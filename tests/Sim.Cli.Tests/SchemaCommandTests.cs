using Sim.Scenarios.Schema;

namespace Sim.Cli.Tests;

/// <summary><c>sim schema</c> writes the generated scenario schema, to standard output or to <c>--out FILE</c>.</summary>
public sealed class SchemaCommandTests
{
    [Fact]
    public void Without_out_the_schema_goes_to_standard_output()
    {
        var result = CliHarness.Run("schema");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(ScenarioSchema.Generate(), result.Output);
    }

    [Fact]
    public void With_out_the_schema_goes_to_the_file_replacing_it_and_creating_its_directory()
    {
        string file = Path.Combine(CliHarness.TempDirectory(), "new", "scenario.schema.json");
        var created = CliHarness.Run("schema", "--out", file);
        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        Assert.Contains(file, created.Output);
        File.WriteAllText(file, "old");
        var replaced = CliHarness.Run("schema", "--out", file);
        Assert.Equal(ExitCodes.Ok, replaced.ExitCode);
        Assert.Equal(ScenarioSchema.Generate(), File.ReadAllText(file));
    }

    [Fact]
    public void An_out_that_is_a_directory_is_bad_input()
    {
        string dir = CliHarness.TempDirectory();
        var result = CliHarness.Run("schema", "--out", dir);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: --out {dir}", result.Error);
    }

    [Fact]
    public void Help_lists_the_schema_command() => Assert.Contains("schema", CliHarness.Run("--help").Output);
}
