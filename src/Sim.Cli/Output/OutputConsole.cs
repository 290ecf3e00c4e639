using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// A Spectre.Console console writing to a command's output writer: colours only on a real terminal, and a fixed width
/// of 160 columns when the output is redirected or captured (so files and tests get the same tables).
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
        if (!terminal) console.Profile.Width = 160;
        return console;
    }
}
