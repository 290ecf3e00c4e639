using System.CommandLine;
using Sim.Cli.Output;
using Sim.Distributed.Hosting;
using Sim.Distributed.Worker;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim worker --join HOST:PORT [--jobs N] [--listen HOST:PORT] [--config FILE]</c>: joins the cluster of the
/// coordinator at HOST:PORT (<c>sim sweep FILE --cluster</c>), runs the runs it pulls from it in this process, N at a
/// time, with the scenario text the coordinator sends, and exits when the coordinator dismisses it: 0 when the study
/// is complete, 130 when it was stopped (Ctrl+C, or a failed run), 2 when the coordinator cannot be reached or is lost.
/// </summary>
internal static class WorkerCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var join = new Option<string>("--join") { Description = "The coordinator's HOST:PORT, spelt as in its --listen.", Required = true };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Runs at a time (threads); default: one per core.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--jobs must be at least 1");
        });
        var listen = new Option<string?>("--listen") { Description = "HOST:PORT this worker listens at (default: its address towards the coordinator, any free port)." };
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON file over the cluster defaults." };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "Model log level: trace, debug, information, warning, error, none.",
            DefaultValueFactory = _ => "warning",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var command = new Command("worker", "Join a distributed study's coordinator (sim sweep FILE --cluster) and run the runs it hands out.")
        {
            join, jobs, listen, config, logLevel,
        };
        command.SetAction(async (parse, cancel) =>
        {
            WorkerEnd end;
            try
            {
                var seed = ClusterEndpoint.Parse("--join", parse.GetValue(join)!);
                var options = new WorkerOptions(seed,
                    parse.GetValue(listen) is { } at ? ClusterEndpoint.Parse("--listen", at) : ClusterEndpoint.TowardsSeed(seed),
                    parse.GetValue(jobs), parse.GetValue(config)?.ToString());
                using var logging = ModelLogging.Create(parse.GetValue(logLevel)!, error);
                end = await Task.Run(() => WorkerNode.Run(options, cancel, ClusterNotice.To(error), logging), CancellationToken.None);
            }
            catch (ClusterStartupException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            switch (end)
            {
                case WorkerEnd.StudyComplete:
                    return ExitCodes.Ok;
                case WorkerEnd.StudyStopped:
                    return ExitCodes.Cancelled;
                case WorkerEnd.Refused:
                    return ExitCodes.BadInput;
                default:
                    await error.WriteLineAsync("error: lost the coordinator before the study was complete; its runs in flight here were dropped (the coordinator re-runs them when it resumes)");
                    return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
