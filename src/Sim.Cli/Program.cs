namespace Sim.Cli;

/// <summary>The <c>sim</c> executable's entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line; the exit code follows <see cref="ExitCodes"/>.</summary>
    public static Task<int> Main(string[] args) => CliApp.InvokeAsync(args, Console.Out, Console.Error);
}
