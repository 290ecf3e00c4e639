namespace Sim.Cli.Tests.BadInput;

/// <summary>
/// Every case of <see cref="BadInputCases"/> through the real command line: exit 2, an error that names where
/// (<c>file:line:column</c> or the option) and what was expected, no stack trace, and no file that existed before changed.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<BadInputCase> Cases() => new(BadInputCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_input_is_one_located_error_and_exit_2_with_nothing_overwritten(BadInputCase @case)
    {
        var run = BadInputRun.Of(@case);
        string location = @case.Location.Replace("{dir}", run.Root, StringComparison.Ordinal);

        Assert.True(run.ExitCode == ExitCodes.BadInput, $"exit {run.ExitCode}, expected 2; stderr: {run.Error}; stdout: {run.Output}");
        Assert.True(run.Error.Contains("error: " + location, StringComparison.Ordinal) || run.Error.Contains(location, StringComparison.Ordinal),
            $"the error does not name '{location}': {run.Error}");
        Assert.True(run.Error.Contains(@case.Expected, StringComparison.Ordinal), $"the error does not say '{@case.Expected}': {run.Error}");
        string[] lines = (run.Output + "\n" + run.Error).Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Changed);
        Assert.Empty(run.NewResults);
    }

    [Fact]
    public void There_are_at_least_sixty_cases_and_their_ids_are_unique()
    {
        Assert.True(BadInputCases.All.Count >= 60, $"{BadInputCases.All.Count} cases");
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Id).Distinct().Count());
    }
}
