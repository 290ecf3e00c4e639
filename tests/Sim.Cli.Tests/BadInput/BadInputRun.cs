namespace Sim.Cli.Tests.BadInput;

/// <summary>What one bad-input case did: its exit code, what it printed, and which pre-existing files it changed.</summary>
internal sealed record BadInputRun(BadInputCase Case, string Root, int ExitCode, string Output, string Error, IReadOnlyList<string> Changed, IReadOnlyList<string> NewResults)
{
    /// <summary>Runs <paramref name="case"/> in a fresh sandbox through <see cref="CliApp.InvokeAsync"/>, as <c>sim</c> would.</summary>
    public static BadInputRun Of(BadInputCase @case)
    {
        var sandbox = new Sandbox(@case.Files);
        var result = CliHarness.Run(@case.Args.Select(sandbox.Expand).ToArray());
        return new BadInputRun(@case, sandbox.Root, result.ExitCode, result.Output, result.Error, sandbox.Changed(), sandbox.NewResults());
    }

    /// <summary>The error as the table shows it: the sandbox as <c>&lt;dir&gt;</c>, the repository as <c>&lt;repo&gt;</c>.</summary>
    public string Message => Error.Trim()
        .Replace(Root, "<dir>", StringComparison.Ordinal)
        .Replace(CliHarness.RepositoryRoot(), "<repo>", StringComparison.Ordinal);
}
