using System.CommandLine;
using Sim.Cli.Commands;

namespace Sim.Cli;

/// <summary>
/// The command tree of <c>sim</c>: <c>run</c>, <c>sweep</c>, <c>worker</c>, <c>compare</c>, <c>explain</c>, <c>validate</c>, <c>costs</c>, <c>fidelity</c>, <c>bench</c>, <c>schema</c>. Output goes to the given writers so that
/// tests can run the command line in-process.
/// </summary>
public static class CliApp
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("VirtioSim: a deterministic discrete-event simulator of virtio transport.")
        {
            RunCommand.Build(output, error),
            SweepCommand.Build(output, error),
            UncertaintyCommands.Sensitivity(output, error),
            UncertaintyCommands.Robustness(output, error),
            WorkerCommand.Build(output, error),
            CompareCommand.Build(output, error),
            ExplainCommand.Build(output, error),
            ValidateCommand.Build(output, error),
            MetricsCommand.Build(output, error),
            CostsCommand.Build(output, error),
            FidelityCommand.Build(output, error),
            BenchCommand.Build(output, error),
            SchemaCommand.Build(output, error),
        };
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default) =>
        InvokeAsync(Build(output, error), args, output, error, cancel);

    /// <summary>
    /// Parses and runs <paramref name="args"/> against <paramref name="root"/>. A command that throws exits
    /// <see cref="ExitCodes.InternalError"/> with the message of <see cref="InternalErrors"/>, whatever the command.
    /// </summary>
    internal static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors) await error.WriteLineAsync($"error: {ParseErrorText.Of(problem.Message)}");
            await error.WriteLineAsync("Run 'sim --help' for usage.");
            return ExitCodes.BadInput;
        }
        // No forced exit 2 s after Ctrl+C or SIGTERM (the library's default): every command stops on its token, and a
        // coordinator needs longer to dismiss its workers (virtiosim.cluster.dismiss-timeout) before it writes its results.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(configuration, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception failure)
        {
            return InternalErrors.Report(failure, error);
        }
    }
}
