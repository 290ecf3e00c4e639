using Sim.Studies.Claims;
using System.CommandLine;
using Sim.Cli.Output;
using Sim.Core.Running;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Tracing.Recording;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim run &lt;scenario.yaml&gt; [--seed N] [--point P --replication R] [--out DIR] [--costs] [--metrics PATTERN]... [--format F] [--quiet] [--set PATH=VALUE]...</c>: runs the scenario (the values as
/// written; or one run of its sweep, reproduced alone with its derived seed), prints a summary table and writes
/// <c>DIR/results.json</c> (and <c>DIR/series.csv</c> when models recorded time series; default <c>out/&lt;scenario name&gt;/</c>). Ctrl+C stops the run between event batches and
/// still writes the results, marked partial. Exit 1 only for a finding the scenario does not declare expected
/// (<c>expect: { findings: [...] }</c>).
/// </summary>
internal static class RunCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML) to run." };
        var seed = new Option<ulong?>("--seed") { Description = "Override the scenario's seed." };
        var point = new Option<int?>("--point") { Description = "Run one point of the scenario's sweep (from 0), with --replication: the same run as in `sim sweep`." };
        var replication = new Option<int?>("--replication") { Description = "With --point: which replication (from 0); its seed is derived as in the sweep." };
        var trace = new Option<FileInfo?>("--trace") { Description = "Record every delivered event and every write into a ring or grant table to this file (MessagePack, docs/trace-format.md)." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Directory for results.json (default: out/<scenario name>/)." };
        var costs = new Option<bool>("--costs") { Description = "Also print, per device, where a request's time went: every cost entry charged, per request, and its share of the latency." };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "Model log level: trace, debug, information, warning, error, none.",
            DefaultValueFactory = _ => "warning",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var format = new Option<string>("--format")
        {
            Description = "How the summary is printed: table (laid out to fit the terminal), markdown, csv or json (the summary table only).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(Output.Layout.TableFormats.Names);
        var quiet = new Option<bool>("--quiet") { Description = "Print only where the results are, and findings the scenario does not expect." };
        var metrics = MetricsOption.Create("the summary shows, one row per value with its unit, instead of the scenario's tables");
        var set = new Option<string[]>("--set")
        {
            Description = "Set a value for this run, PATH=VALUE with the path as in a study (e.g. guests.xen.devices.blk0.workload.queueDepth=16); repeatable; recorded in results.json.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("run", "Run a scenario and write its results.") { file, seed, point, replication, trace, outDir, costs, metrics, logLevel, format, quiet, set };
        command.SetAction(async (parse, cancel) =>
        {
            var settings = parse.GetValue(set) ?? [];
            if (settings.Length > 0 && (parse.GetValue(point) is not null || parse.GetValue(replication) is not null))
            {
                await error.WriteLineAsync("error: --set: a run of a study's point takes its values from the study; expected --set without --point and --replication");
                return ExitCodes.BadInput;
            }
            var model = parse.GetValue(point) is null && parse.GetValue(replication) is null
                ? ScenarioInput.TryLoad(parse.GetValue(file)!.ToString(), settings, error)
                : ScenarioInput.TryLoadRun(parse.GetValue(file)!.ToString(), parse.GetValue(point) ?? 0, parse.GetValue(replication) ?? 0, error);
            if (model is null) return ExitCodes.BadInput;
            if (parse.GetValue(seed) is { } overrideSeed) model = model with { Seed = overrideSeed };
            string outOption = ResultsFolder.OutOption(parse.GetValue(outDir));
            string? directory = OutputLocation.PrepareDirectory(outOption, parse.GetValue(outDir)?.ToString() ?? Path.Combine("out", model.Name), error);
            if (directory is null || !ResultsFolder.AcceptsRun(outOption, directory, error)) return ExitCodes.BadInput;
            string? tracePath = null;
            if (parse.GetValue(trace) is { } traceFile && (tracePath = OutputLocation.PrepareFile("--trace", traceFile.ToString(), error)) is null)
                return ExitCodes.BadInput;

            using var logging = ModelLogging.Create(parse.GetValue(logLevel)!, error);
            using var recorder = tracePath is null ? null : new TraceRecorder(tracePath, model.Name, model.Seed);
            // A model bug (ActorFailedException) leaves through CliApp, which reports it as every command's: exit 3, one line.
            RunResults results = await Task.Run(() => RunProgressDisplay.Run(output, model.Duration,
                progress => ScenarioRunner.Run(model, cancel, progress, logging, recorder)), CancellationToken.None);
            if (recorder is not null)
            {
                recorder.Complete();
                long records = recorder.Events + recorder.Writes;
                await output.WriteLineAsync($"trace: {tracePath}: {recorder.Events:N0} events, {recorder.Writes:N0} memory writes, " +
                    $"{recorder.BodyBytes:N0} bytes of records ({(records == 0 ? 0 : recorder.BodyBytes / (double)records):F1} bytes per record)");
            }

            string resultsPath = Path.Combine(directory, "results.json");
            // A claim naming a value this run lacks is bad input, reported once the run's results are safely written.
            var (resultsText, claims, claimError) = RunClaims.Results(model, results);
            try
            {
                AtomicFile.WriteAllText(resultsPath, resultsText);
                if (results.Series is { Count: > 0 } series)
                    AtomicFile.WriteAllText(Path.Combine(directory, "series.csv"), TimeSeriesCsv.Write(series));
            }
            catch (Exception ex) when (OutputLocation.IsWriteFailure(ex))
            {
                OutputLocation.ReportWriteFailure(outOption, directory, ex, error);
                return ExitCodes.BadInput;
            }
            string shape = parse.GetValue(format)!;
            bool table = shape == "table" && !parse.GetValue(quiet);
            var patterns = MetricsOption.Patterns(parse.GetValue(metrics));
            if (table)
            {
                SummaryTable.Write(output, results, resultsPath, ScenarioOrder.Of(model), model.Headline, patterns, DeviceGroupLabels.Of(model));
                if (patterns.Count == 0) NetLatencyTable.Write(output, results);
                if (patterns.Count == 0) HostCoresTable.Write(output, results);
                if (parse.GetValue(costs)) CostsTable.Write(output, results);
                ClaimsTable.Write(output, claims, model.Claims.Count(c => c.Where.Count > 0 || c.AtSomePoint));
                if (model.Study is { } study && (study.Parameters.Count > 0 || study.Replications > 1) && parse.GetValue(point) is null)
                {
                    var console = OutputConsole.For(output);
                    WrappedText.Write(console, $"note: this scenario declares a study ({study.Parameters.Count} swept parameter(s), {study.Replications} replication(s)); " +
                        "this run used the values as written; `sim sweep` runs the study", console.Profile.Width);
                }
            }
            else if (parse.GetValue(quiet)) output.WriteLine($"results: {resultsPath}");
            else if (patterns.Count > 0)
            {
                var (chosen, unmatched) = RunMetricsTable.Build(results, patterns);
                output.Write(Output.Layout.TableFormats.Write(shape, chosen));
                foreach (string pattern in unmatched) await error.WriteLineAsync($"warning: {RunMetricsTable.UnmatchedText(pattern)}");
            }
            else output.Write(SummaryFormats.Write(shape, results, ScenarioOrder.Of(model)));
            var verdict = FindingsVerdict.Of(model.Expected, results.Findings.Select(f => KeyValuePair.Create(f.Rule, 1)));
            // A machine-readable summary stays clean: the verdict goes to the error stream then.
            FindingsVerdictText.Write(table ? output : error, verdict);
            if (results.Outcome.Reason is StopReason.Cancelled) return ExitCodes.Cancelled;
            if (claimError is not null)
            {
                await error.WriteLineAsync($"error: {claimError.Message} (results: {resultsPath})");
                return ExitCodes.BadInput;
            }
            if (!verdict.Clean) return ExitCodes.Findings;
            return claims.Any(c => c.Outcome == ClaimOutcome.Fails) ? ExitCodes.ClaimsFail : ExitCodes.Ok;
        });
        return command;
    }
}
