using System.Runtime.InteropServices;

namespace Sim.Cli;

/// <summary>The <c>sim</c> executable's entry point.</summary>
public static class Program
{
    /// <summary>
    /// Runs the command line; the exit code follows <see cref="ExitCodes"/>. The first Ctrl+C (SIGINT) or SIGTERM
    /// cancels the command, which stops cleanly (a run keeps its partial results, a sweep its recorded runs, a
    /// coordinator dismisses its workers first) and exits <see cref="ExitCodes.Cancelled"/>; a second one ends the
    /// process at once, as the signal's default does.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            if (stop.IsCancellationRequested) return;
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await CliApp.InvokeAsync(args, Console.Out, Console.Error, stop.Token);
    }
}
