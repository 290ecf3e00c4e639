using System.Text;

namespace Sim.Cli.Tests.BadInput;

/// <summary>
/// docs/bad-input.md is the table of every case of <see cref="BadInputCases"/> with the exit code and the message the
/// command line really printed. This test runs the cases and compares; with <c>VIRTIOSIM_WRITE_BAD_INPUT_DOC=1</c> it
/// writes the table instead (after a change to a case or a message).
/// </summary>
public sealed class BadInputTableTests
{
    private static string DocPath => Path.Combine(CliHarness.RepositoryRoot(), "docs", "bad-input.md");

    [Fact]
    public void The_bad_input_table_in_docs_is_what_the_command_line_prints()
    {
        string table = Table(BadInputCases.All.Select(BadInputRun.Of).ToList());
        if (Environment.GetEnvironmentVariable("VIRTIOSIM_WRITE_BAD_INPUT_DOC") == "1") File.WriteAllText(DocPath, table);
        Assert.True(File.Exists(DocPath), "docs/bad-input.md is missing; run this test with VIRTIOSIM_WRITE_BAD_INPUT_DOC=1");
        Assert.Equal(table, File.ReadAllText(DocPath).ReplaceLineEndings("\n"));
    }

    private static string Table(IReadOnlyList<BadInputRun> runs)
    {
        var text = new StringBuilder();
        text.Append("# Bad input and what `sim` says\n\n");
        text.Append("Every bad input below was given to the real command line (`CliApp.InvokeAsync`, what `sim` runs) by\n");
        text.Append("`tests/Sim.Cli.Tests/BadInput/`, which checks for each: exit code 2, an error naming the file, line and column (or\n");
        text.Append("the option), no stack trace, and no file that existed before modified. The messages are what it printed, with the\n");
        text.Append("test's scratch directory shown as `<dir>` and the repository as `<repo>`. The table is generated: after changing a\n");
        text.Append("case or a message, run `VIRTIOSIM_WRITE_BAD_INPUT_DOC=1 dotnet test -c Release tests/Sim.Cli.Tests --filter BadInputTable`.\n\n");
        text.Append("Scenario snippets (`<dir>/s.yaml`) are in the test code; `<dir>` also holds a valid `good.yaml`, a run's output\n");
        text.Append("folder `runout/`, a sweep's `sweepout/`, a file `afile.txt` and an empty directory `adir/`.\n\n");
        text.Append("| # | input | command | exit | message |\n|---|---|---|---|---|\n");
        int row = 0;
        foreach (var run in runs)
        {
            string command = "sim " + string.Join(' ', run.Case.Args.Select(a => a
                .Replace("{dir}", "<dir>", StringComparison.Ordinal)
                .Replace(CliHarness.RepositoryRoot(), "<repo>", StringComparison.Ordinal)));
            text.Append($"| {++row} | {Cell(run.Case.Input)} | `{Cell(command)}` | {run.ExitCode} | {Cell(run.Message)} |\n");
        }
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings("<br>");
}
