using System.CommandLine;
using Microsoft.Extensions.Logging;
using Sim.Cli.Output;
using Sim.Distributed.Hosting;
using Sim.Scenarios.Model;
using Sim.Studies;

namespace Sim.Cli.Commands;

/// <summary>
/// What every command that runs a study shares (<c>sim sweep</c>, <c>sim sensitivity</c>, <c>sim robustness</c>):
/// <c>--cluster</c>, <c>--listen</c> and <c>--config</c>, the refusal of the last two without the first, and how the
/// study then runs: on <c>--jobs</c> threads (<see cref="StudyRunner"/>) or by a coordinator handing its runs to the
/// workers that join (<see cref="CoordinatorNode"/>, docs/distributed.md).
/// </summary>
/// <param name="Cluster"><c>--cluster</c>.</param>
/// <param name="Listen"><c>--listen HOST:PORT</c>.</param>
/// <param name="Config"><c>--config FILE</c>.</param>
internal sealed record ClusterOptions(Option<bool> Cluster, Option<string?> Listen, Option<FileInfo?> Config)
{
    /// <summary>The three options.</summary>
    public static ClusterOptions Create() => new(
        new Option<bool>("--cluster") { Description = "Coordinate the study on a cluster: workers (sim worker --join HOST:PORT) pull and run the runs; --jobs is not used." },
        new Option<string?>("--listen") { Description = $"With --cluster: HOST:PORT the coordinator listens at, as workers spell it in --join (default: this machine's name, port {ClusterEndpoint.DefaultPort})." },
        new Option<FileInfo?>("--config") { Description = "With --cluster: a HOCON file over the cluster defaults (timeouts, failure detector, downing)." });

    /// <summary>Whether <c>--listen</c> or <c>--config</c> came without <c>--cluster</c> to <c>sim <paramref name="command"/></c>; then says so on <paramref name="error"/>.</summary>
    public bool Misused(ParseResult parse, string command, TextWriter error)
    {
        if (parse.GetValue(Cluster) || (parse.GetValue(Listen) is null && parse.GetValue(Config) is null)) return false;
        error.WriteLine($"error: --listen and --config go with --cluster; expected `sim {command} FILE --cluster [--listen HOST:PORT] [--config FILE]`");
        return true;
    }

    /// <summary>
    /// How a study of the scenario file <paramref name="file"/> runs into <paramref name="directory"/>: with
    /// <c>--cluster</c> on a coordinator (a malformed <c>--listen</c> or a port in use throws
    /// <see cref="ClusterStartupException"/> when it starts), else on <paramref name="jobs"/> threads.
    /// </summary>
    public Func<Study, Action<StudyProgress>, StudyRunOutcome> Runner(ParseResult parse, FileInfo file, string directory, int jobs,
        CancellationToken cancel, TextWriter error, ILoggerFactory? logging = null)
    {
        if (!parse.GetValue(Cluster)) return (study, progress) => StudyRunner.Run(study, directory, jobs, cancel, progress, logging);
        string? listen = parse.GetValue(Listen), config = parse.GetValue(Config)?.ToString();
        return (study, progress) =>
        {
            var options = new CoordinatorOptions(listen is { } at ? ClusterEndpoint.Parse("--listen", at) : ClusterEndpoint.DefaultCoordinator(), config);
            return CoordinatorNode.Run(study, file.Name, directory, options, cancel, progress, ClusterNotice.To(error));
        };
    }
}
