namespace Sim.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.InvokeAsync(args, output, error).GetAwaiter().GetResult();
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The repository root (where Simulator.sln is).</summary>
    public static string RepositoryRoot() => Sim.Tests.Shared.RepositoryPaths.Root();

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
