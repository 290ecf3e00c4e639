using Sim.Studies.Claims;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.CommandLine;
using Sim.Cli.Output;
using Sim.Distributed.Coordinator;
using Sim.Distributed.Hosting;
using Sim.Reports;
using Sim.Worlds.Results;
using Sim.Studies;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim sweep &lt;scenario.yaml&gt; [--jobs N] [--out DIR] [--fresh] [--metrics PATTERN]... [--format F] [--quiet] [--cluster [--listen HOST:PORT] [--config FILE]]</c>:
/// runs every point x replication of the scenario's study (see <see cref="StudyDeclaration"/>) on N threads (default:
/// one per core), or with <c>--cluster</c> on the workers that join (<see cref="CoordinatorNode"/>, docs/distributed.md), resuming what an earlier
/// session left in DIR, then writes <c>results.json</c>, <c>results.csv</c>, <c>series.csv</c> (when models record
/// time series) and <c>report.html</c> to DIR (default <c>out/&lt;scenario name&gt;/sweep/</c>, apart from where
/// <c>sim run</c> writes; a DIR holding a run's results is refused, see <see cref="ResultsFolder"/>). Ctrl+C stops cleanly: the
/// runs done are kept, the results written so far are marked incomplete, and the same command resumes. <c>--metrics</c>
/// chooses the metrics the printed table shows (the files keep the study's own selection), <c>--format</c> prints that
/// table for other tools, <c>--quiet</c> prints the final table alone, without progress.
/// </summary>
internal static class SweepCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML) with a sweep: and/or replications:." };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Runs at a time (threads); default: one per core.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--jobs must be at least 1");
        });
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Output directory (default: out/<scenario name>/sweep/); runs found there are resumed." };
        var fresh = new Option<bool>("--fresh") { Description = "Discard the runs already in the output directory and start over." };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "Model log level: trace, debug, information, warning, error, none.",
            DefaultValueFactory = _ => "warning",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var cluster = ClusterOptions.Create();
        var metrics = MetricsOption.Create("the table shows (default: the study's metrics: list); the results files keep the study's selection");
        var format = new Option<string>("--format")
        {
            Description = "How the table is printed: table (laid out to fit the terminal), markdown, csv or json (the table only).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(Output.Layout.TableFormats.Names);
        var quiet = new Option<bool>("--quiet") { Description = "Print the final table alone: no progress, no resume note." };
        var command = new Command("sweep", "Run a study: every point of the scenario's sweep, each replicated, with confidence intervals and a report.")
        {
            file, jobs, outDir, fresh, metrics, format, quiet, logLevel, cluster.Cluster, cluster.Listen, cluster.Config,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var study = ScenarioInput.TryLoadStudy(parse.GetValue(file)!.ToString(), error);
            if (study is null || cluster.Misused(parse, "sweep", error)) return ExitCodes.BadInput;
            string? directory = ResultsFolder.ForStudy(parse.GetValue(outDir), DefaultDirectory(study.Scenario.Name), StudyResultsJson.Format, parse.GetValue(fresh), error);
            if (directory is null) return ExitCodes.BadInput;

            using var logging = ModelLogging.Create(parse.GetValue(logLevel)!, error);
            bool silent = parse.GetValue(quiet);
            T Shown<T>(Func<Action<StudyProgress>, T> body) => silent ? body(_ => { }) : SweepProgressDisplay.Run(output, error, study.Scenario.Name, body);
            StudyRunOutcome outcome;
            try
            {
                var run = cluster.Runner(parse, parse.GetValue(file)!, directory, parse.GetValue(jobs), cancel, error, logging);
                outcome = await Task.Run(() => Shown(progress => run(study, progress)), CancellationToken.None);
            }
            catch (ClusterStartupException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (NonDeterministicRunException ex)
            {
                await error.WriteLineAsync($"internal error: {ex.Message}");
                return ExitCodes.InternalError;
            }
            catch (StudyOutputException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (StudyRunFailedException ex)
            {
                // Names the run (point, replication, seed) as well as the actor, message type and time.
                await error.WriteLineAsync($"internal error: {ex.Message}");
                return ExitCodes.InternalError;
            }

            var summary = StudySummary.Of(study, outcome.Records);
            try
            {
                WriteOutputs(summary, directory);
            }
            catch (Exception ex) when (OutputLocation.IsWriteFailure(ex))
            {
                OutputLocation.ReportWriteFailure(ResultsFolder.OutOption(parse.GetValue(outDir)), directory, ex, error);
                return ExitCodes.BadInput;
            }
            string shape = parse.GetValue(format)!;
            bool table = shape == "table";
            var patterns = MetricsOption.Patterns(parse.GetValue(metrics));
            if (outcome.Reused > 0 && !silent)
                await (table ? output : error).WriteLineAsync($"resumed: {outcome.Reused} run(s) found in {directory}, {outcome.Ran} run now");
            if (table) StudyTable.Write(output, summary, directory, patterns);
            else
            {
                output.Write(Output.Layout.TableFormats.Write(shape, StudyTable.Build(summary, patterns)));
                StudyTable.WriteUnmatched(error, summary, patterns);
            }
            if (table) ClaimsTable.Write(output, summary.Claims);
            var verdict = FindingsVerdict.Of(study.Scenario.Expected, summary.Points.SelectMany(p => p.Findings));
            // A machine-readable table stays clean: the verdict goes to the error stream then.
            FindingsVerdictText.Write(table ? output : error, verdict);
            if (outcome.Incomplete) return ExitCodes.Cancelled;
            if (!verdict.Clean) return ExitCodes.Findings;
            return summary.Claims.Any(c => c.Outcome == ClaimOutcome.Fails) ? ExitCodes.ClaimsFail : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Where a sweep of scenario <paramref name="name"/> writes without <c>--out</c>: <c>out/NAME/sweep/</c>, beside (never
    /// into) <c>out/NAME/</c> where <c>sim run</c> writes, so that neither replaces the other's results.json.
    /// </summary>
    public static string DefaultDirectory(string name) => Path.Combine("out", name, "sweep");

    /// <summary>Writes the study's results files and report into <paramref name="directory"/>, each atomically.</summary>
    public static void WriteOutputs(StudySummary summary, string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), StudyResultsJson.Write(summary));
        AtomicFile.WriteAllText(Path.Combine(directory, "results.csv"), StudyResultsCsv.WriteRuns(summary));
        if (StudyResultsCsv.WriteSeries(summary) is { } series) AtomicFile.WriteAllText(Path.Combine(directory, "series.csv"), series);
        AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Write(StudyReport.Build(summary)));
    }
}
