using System.CommandLine;
using Sim.Cli.Output;
using Sim.Distributed.Hosting;
using Sim.Reports;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies.Uncertainty;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim sensitivity FILE</c> and <c>sim robustness FILE --samples N</c> (issue 19): the scenario's study run under
/// cost settings, one cost at a time at the ends of its range, or N Latin-hypercube samples over all ranged costs at
/// once (<see cref="Sensitivity"/>, <see cref="Robustness"/>), on common random numbers, on <c>--jobs</c> threads or a
/// cluster (<see cref="ClusterOptions"/>) into DIR (default <c>out/NAME/sensitivity/</c> or <c>out/NAME/robustness/</c>):
/// resumable like <c>sim sweep</c>, and byte-identical for any <c>--jobs</c>. Each writes <c>results.json</c> and
/// <c>report.html</c> and prints its conclusions; claims failing in some settings are what these commands measure, so
/// they exit 0.
/// </summary>
internal static class UncertaintyCommands
{
    /// <summary><c>sim sensitivity</c>.</summary>
    public static Command Sensitivity(TextWriter output, TextWriter error)
    {
        var options = CommonOptions.Create();
        var command = new Command("sensitivity", "One cost at a time at the low and high end of its range: each cost's influence on the figures and claims, with tornado charts.");
        options.AddTo(command);
        command.SetAction((parse, cancel) => Execute(parse, cancel, options, output, error, new Analysis<SensitivityResult>(
            "sensitivity", SensitivityOutputs.Format,
            (_, costs) => Studies.Uncertainty.Sensitivity.Settings(costs),
            Studies.Uncertainty.Sensitivity.Analyse,
            (_, result) => SensitivityOutputs.Json(result),
            (_, result) => SensitivityOutputs.Report(result),
            result => SensitivityOutputs.Conclusions(result),
            result => ClaimsTable.Write(output, result.Claims))));
        return command;
    }

    /// <summary><c>sim robustness</c>.</summary>
    public static Command Robustness(TextWriter output, TextWriter error)
    {
        var options = CommonOptions.Create();
        var samples = new Option<int>("--samples") { Description = "Latin-hypercube samples over the ranged costs (default 64).", DefaultValueFactory = _ => 64 };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 2) r.AddError("--samples must be at least 2");
        });
        var seed = new Option<ulong?>("--seed") { Description = "The sampling seed (default: the scenario's seed)." };
        var command = new Command("robustness", "N Latin-hypercube samples over every ranged cost at once: how often each claim holds, and which costs decide it.");
        options.AddTo(command);
        command.Options.Add(samples);
        command.Options.Add(seed);
        command.SetAction((parse, cancel) =>
        {
            ulong Sampling(Study study) => parse.GetValue(seed) ?? study.Scenario.Seed;
            return Execute(parse, cancel, options, output, error, new Analysis<RobustnessResult>(
                "robustness", RobustnessOutputs.Format,
                (study, costs) => Studies.Uncertainty.Robustness.Settings(costs, parse.GetValue(samples), Sampling(study)),
                Studies.Uncertainty.Robustness.Analyse,
                (study, result) => RobustnessOutputs.Json(result, Sampling(study)),
                (study, result) => RobustnessOutputs.Report(result, Sampling(study)),
                result => RobustnessOutputs.Conclusions(result),
                null));
        });
        return command;
    }

    /// <summary>What one analysis command does with the shared steps of <see cref="Execute"/>.</summary>
    /// <param name="Kind">Its name: the command and the default output folder (<c>out/NAME/KIND/</c>).</param>
    /// <param name="Format">Its results' format tag.</param>
    /// <param name="SettingsOf">The cost settings to run, given the study and its ranged costs.</param>
    /// <param name="Analyse">The analysis of the runs.</param>
    /// <param name="Json">The results file's text, given the study and the analysis.</param>
    /// <param name="Report">The report, given the study and the analysis.</param>
    /// <param name="Conclusions">The lines printed.</param>
    /// <param name="Print">Anything printed after them; null for nothing.</param>
    private sealed record Analysis<T>(string Kind, string Format,
        Func<Study, IReadOnlyList<RangedCost>, IReadOnlyList<CostSetting>> SettingsOf,
        Func<IReadOnlyList<RangedCost>, SettingRuns, T> Analyse,
        Func<Study, T, string> Json, Func<Study, T, ReportDocument> Report, Func<T, IReadOnlyList<string>> Conclusions, Action<T>? Print);

    /// <summary>The options both commands take.</summary>
    private sealed record CommonOptions(Argument<FileInfo> File, Option<int> Jobs, Option<DirectoryInfo?> Out, Option<bool> Fresh, Option<int> Replications, ClusterOptions Cluster)
    {
        public static CommonOptions Create()
        {
            var jobs = new Option<int>("--jobs", "-j") { Description = "Runs at a time (threads); default: one per core.", DefaultValueFactory = _ => Environment.ProcessorCount };
            jobs.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1) r.AddError("--jobs must be at least 1");
            });
            var replications = new Option<int>("--replications") { Description = "Replications per point and setting (default 3).", DefaultValueFactory = _ => 3 };
            replications.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1) r.AddError("--replications must be at least 1");
            });
            return new CommonOptions(
                new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML); its study's points and claims are analysed." },
                jobs,
                new Option<DirectoryInfo?>("--out") { Description = "Output directory; runs found there are resumed." },
                new Option<bool>("--fresh") { Description = "Discard the runs already in the output directory and start over." },
                replications,
                ClusterOptions.Create());
        }

        public void AddTo(Command command)
        {
            command.Arguments.Add(File);
            foreach (Option option in new Option[] { Jobs, Out, Fresh, Replications, Cluster.Cluster, Cluster.Listen, Cluster.Config }) command.Options.Add(option);
        }
    }

    /// <summary>
    /// Loads the study, prepares the output folder, finds the ranged costs, runs the settings (threads or cluster, with
    /// progress), analyses them, writes <c>results.json</c> and <c>report.html</c> and prints the conclusions.
    /// </summary>
    private static async Task<int> Execute<T>(ParseResult parse, CancellationToken cancel, CommonOptions options, TextWriter output, TextWriter error, Analysis<T> analysis)
    {
        var study = ScenarioInput.TryLoadStudy(parse.GetValue(options.File)!.ToString(), error);
        if (study is null || options.Cluster.Misused(parse, analysis.Kind, error)) return ExitCodes.BadInput;
        string? directory = ResultsFolder.ForStudy(parse.GetValue(options.Out), Path.Combine("out", study.Scenario.Name, analysis.Kind), analysis.Format,
            parse.GetValue(options.Fresh), error);
        if (directory is null) return ExitCodes.BadInput;
        var run = options.Cluster.Runner(parse, parse.GetValue(options.File)!, directory, parse.GetValue(options.Jobs), cancel, error);
        int replications = parse.GetValue(options.Replications);
        T result;
        try
        {
            var costs = UncertaintyRuns.CostsOf(study, cancel);
            var settings = analysis.SettingsOf(study, costs);
            var (_, runs) = await Task.Run(() => SweepProgressDisplay.Run(output, error, study.Scenario.Name,
                progress => UncertaintyRuns.Run(study, settings, replications, derived => run(derived, progress))), CancellationToken.None);
            if (runs is null) return ExitCodes.Cancelled;
            result = analysis.Analyse(costs, runs);
        }
        catch (Exception ex) when (ex is ScenarioException or ClusterStartupException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        try
        {
            AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), analysis.Json(study, result));
            AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Write(analysis.Report(study, result)));
        }
        catch (Exception ex) when (OutputLocation.IsWriteFailure(ex))
        {
            OutputLocation.ReportWriteFailure(ResultsFolder.OutOption(parse.GetValue(options.Out)), directory, ex, error);
            return ExitCodes.BadInput;
        }
        var console = OutputConsole.For(output);
        foreach (string line in analysis.Conclusions(result)) WrappedText.Write(console, line, console.Profile.Width);
        analysis.Print?.Invoke(result);
        await output.WriteLineAsync($"results: {Path.Combine(directory, "results.json")}; report: {Path.Combine(directory, "report.html")}");
        return ExitCodes.Ok;
    }
}
