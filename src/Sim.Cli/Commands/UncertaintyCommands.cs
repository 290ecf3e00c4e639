using System.CommandLine;
using Sim.Cli.Output;
using Sim.Distributed.Hosting;
using Sim.Reports;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies;
using Sim.Studies.Uncertainty;
using Sim.Worlds.Results;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim sensitivity FILE</c> and <c>sim robustness FILE --samples N</c> (issue 19): the scenario's study run under
/// cost settings, one cost at a time at the ends of its range, or N Latin-hypercube samples over all ranged costs at
/// once (<see cref="Sensitivity"/>, <see cref="Robustness"/>), on common random numbers, on <c>--jobs</c> threads into
/// DIR (default <c>out/NAME/sensitivity/</c> or <c>out/NAME/robustness/</c>): resumable like <c>sim sweep</c>, and
/// byte-identical for any <c>--jobs</c>. Each writes <c>results.json</c> and <c>report.html</c> and prints its
/// conclusions; claims failing in some settings are what these commands measure, so they exit 0.
/// </summary>
internal static class UncertaintyCommands
{
    /// <summary><c>sim sensitivity</c>.</summary>
    public static Command Sensitivity(TextWriter output, TextWriter error)
    {
        var (file, jobs, outDir, fresh, replications) = Common();
        var cluster = Cluster();
        var command = new Command("sensitivity", "One cost at a time at the low and high end of its range: each cost's influence on the figures and claims, with tornado charts.")
        {
            file, jobs, outDir, fresh, replications, cluster.Cluster, cluster.Listen, cluster.Config,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var study = ScenarioInput.TryLoadStudy(parse.GetValue(file)!.ToString(), error);
            if (study is null || Misused(parse, cluster, error)) return ExitCodes.BadInput;
            string? directory = Directory(parse.GetValue(outDir), study.Scenario.Name, "sensitivity", SensitivityOutputs.Format, parse.GetValue(fresh), error);
            if (directory is null) return ExitCodes.BadInput;
            int reps = parse.GetValue(replications);
            var done = await Task.Run(() => Analyse(study, error, cancel, costs => Studies.Uncertainty.Sensitivity.Settings(costs), reps, output,
                progress => Runner(parse, cluster, parse.GetValue(file)!, directory, parse.GetValue(jobs), cancel, progress, error),
                (costs, runs) => Studies.Uncertainty.Sensitivity.Analyse(costs, runs)), CancellationToken.None);
            if (done.Exit is { } exit) return exit;
            var result = done.Result!;
            AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), SensitivityOutputs.Json(result));
            AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Write(SensitivityOutputs.Report(result)));
            var console = OutputConsole.For(output);
            foreach (string line in SensitivityOutputs.Conclusions(result)) WrappedText.Write(console, line, console.Profile.Width);
            ClaimsTable.Write(output, result.Claims);
            output.WriteLine($"results: {Path.Combine(directory, "results.json")}; report: {Path.Combine(directory, "report.html")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>sim robustness</c>.</summary>
    public static Command Robustness(TextWriter output, TextWriter error)
    {
        var (file, jobs, outDir, fresh, replications) = Common();
        var samples = new Option<int>("--samples") { Description = "Latin-hypercube samples over the ranged costs (default 64).", DefaultValueFactory = _ => 64 };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 2) r.AddError("--samples must be at least 2");
        });
        var seed = new Option<ulong?>("--seed") { Description = "The sampling seed (default: the scenario's seed)." };
        var cluster = Cluster();
        var command = new Command("robustness", "N Latin-hypercube samples over every ranged cost at once: how often each claim holds, and which costs decide it.")
        {
            file, jobs, outDir, fresh, replications, samples, seed, cluster.Cluster, cluster.Listen, cluster.Config,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var study = ScenarioInput.TryLoadStudy(parse.GetValue(file)!.ToString(), error);
            if (study is null || Misused(parse, cluster, error)) return ExitCodes.BadInput;
            string? directory = Directory(parse.GetValue(outDir), study.Scenario.Name, "robustness", RobustnessOutputs.Format, parse.GetValue(fresh), error);
            if (directory is null) return ExitCodes.BadInput;
            ulong sampling = parse.GetValue(seed) ?? study.Scenario.Seed;
            int count = parse.GetValue(samples);
            var done = await Task.Run(() => Analyse(study, error, cancel, costs => Studies.Uncertainty.Robustness.Settings(costs, count, sampling),
                parse.GetValue(replications), output,
                progress => Runner(parse, cluster, parse.GetValue(file)!, directory, parse.GetValue(jobs), cancel, progress, error),
                (costs, runs) => Studies.Uncertainty.Robustness.Analyse(costs, runs)), CancellationToken.None);
            if (done.Exit is { } exit) return exit;
            var result = done.Result!;
            AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), RobustnessOutputs.Json(result, sampling));
            AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Write(RobustnessOutputs.Report(result, sampling)));
            var console = OutputConsole.For(output);
            foreach (string line in RobustnessOutputs.Conclusions(result)) WrappedText.Write(console, line, console.Profile.Width);
            output.WriteLine($"results: {Path.Combine(directory, "results.json")}; report: {Path.Combine(directory, "report.html")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record ClusterOptions(Option<bool> Cluster, Option<string?> Listen, Option<FileInfo?> Config);

    private static ClusterOptions Cluster() => new(
        new Option<bool>("--cluster") { Description = "Run on a cluster, as sim sweep --cluster: workers (sim worker --join HOST:PORT) pull and run the runs; --jobs is not used." },
        new Option<string?>("--listen") { Description = $"With --cluster: HOST:PORT the coordinator listens at (default: this machine's name, port {ClusterEndpoint.DefaultPort})." },
        new Option<FileInfo?>("--config") { Description = "With --cluster: a HOCON file over the cluster defaults." });

    /// <summary>Whether <c>--listen</c> or <c>--config</c> came without <c>--cluster</c> (then says so on <paramref name="error"/>).</summary>
    private static bool Misused(ParseResult parse, ClusterOptions cluster, TextWriter error)
    {
        if (parse.GetValue(cluster.Cluster) || (parse.GetValue(cluster.Listen) is null && parse.GetValue(cluster.Config) is null)) return false;
        error.WriteLine("error: --listen and --config go with --cluster; expected `--cluster [--listen HOST:PORT] [--config FILE]`");
        return true;
    }

    /// <summary>How the settings study runs: on <paramref name="jobs"/> threads, or with <c>--cluster</c> on the workers that join.</summary>
    private static Func<Study, StudyRunOutcome> Runner(ParseResult parse, ClusterOptions cluster, FileInfo file, string directory, int jobs,
        CancellationToken cancel, Action<StudyProgress> progress, TextWriter error)
    {
        if (!parse.GetValue(cluster.Cluster)) return derived => StudyRunner.Run(derived, directory, jobs, cancel, progress);
        var options = new CoordinatorOptions(
            parse.GetValue(cluster.Listen) is { } at ? ClusterEndpoint.Parse("--listen", at) : ClusterEndpoint.DefaultCoordinator(),
            parse.GetValue(cluster.Config)?.ToString());
        return derived => CoordinatorNode.Run(derived, file.Name, directory, options, cancel, progress, ClusterNotice.To(error));
    }

    private static (Argument<FileInfo>, Option<int>, Option<DirectoryInfo?>, Option<bool>, Option<int>) Common()
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML); its study's points and claims are analysed." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Runs at a time (threads); default: one per core.", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--jobs must be at least 1");
        });
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Output directory; runs found there are resumed." };
        var fresh = new Option<bool>("--fresh") { Description = "Discard the runs already in the output directory and start over." };
        var replications = new Option<int>("--replications") { Description = "Replications per point and setting (default 3).", DefaultValueFactory = _ => 3 };
        replications.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--replications must be at least 1");
        });
        return (file, jobs, outDir, fresh, replications);
    }

    private static string? Directory(DirectoryInfo? given, string name, string kind, string format, bool fresh, TextWriter error)
    {
        string outOption = given is null ? "--out (default)" : "--out";
        string? directory = OutputLocation.PrepareDirectory(outOption, given?.ToString() ?? Path.Combine("out", name, kind), error);
        if (directory is null || !ResultsFolder.AcceptsAnalysis(outOption, directory, format, error)) return null;
        if (fresh && System.IO.Directory.Exists(Path.Combine(directory, StudyRunner.RunsDirectory)))
            System.IO.Directory.Delete(Path.Combine(directory, StudyRunner.RunsDirectory), recursive: true);
        return directory;
    }

    private static (int? Exit, T? Result) Analyse<T>(Study study, TextWriter error, CancellationToken cancel,
        Func<IReadOnlyList<RangedCost>, IReadOnlyList<CostSetting>> settingsOf, int replications, TextWriter output,
        Func<Action<StudyProgress>, Func<Study, StudyRunOutcome>> runner, Func<IReadOnlyList<RangedCost>, SettingRuns, T> analyse) where T : class
    {
        try
        {
            var costs = UncertaintyRuns.CostsOf(study, cancel);
            var settings = settingsOf(costs);
            var (_, runs) = SweepProgressDisplay.Run(output, error, study.Scenario.Name,
                progress => UncertaintyRuns.Run(study, settings, replications, runner(progress)));
            if (runs is null) return (ExitCodes.Cancelled, null);
            return (null, analyse(costs, runs));
        }
        catch (ScenarioException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return (ExitCodes.BadInput, null);
        }
        catch (OperationCanceledException)
        {
            return (ExitCodes.Cancelled, null);
        }
        catch (ClusterStartupException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return (ExitCodes.BadInput, null);
        }
    }
}
