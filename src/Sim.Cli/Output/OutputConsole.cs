using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// A Spectre.Console console writing to a command's output writer: colours only on a real terminal, whose width it
/// takes; when the output is redirected or captured, the width in <c>COLUMNS</c> if set, else 160 columns (so files and
/// tests get the same tables). Tables are laid out to fit that width (<see cref="Layout.FittedTable"/>).
/// </summary>
internal static class OutputConsole
{
    public static IAnsiConsole For(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!terminal) console.Profile.Width = PipedWidth();
        return console;
    }

    /// <summary>The width of output that is not a terminal: <c>COLUMNS</c> when it holds a width of at least 20, else 160.</summary>
    public static int PipedWidth() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns >= 20 ? columns : 160;
}
