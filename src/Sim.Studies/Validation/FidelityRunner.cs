using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>
/// Runs validation experiments and compares each figure with its publication: the simulated value, the relative error
/// <c>(simulated - published) / published</c>, whether it lies within the figure's tolerance, and for a ratio whether
/// its direction (above or below 1) agrees. Experiments are independent runs, so they may run in parallel; each is a
/// pure function of its file, and the report lists them in file-name order, so the result is the same on any machine.
/// </summary>
public static class FidelityRunner
{
    /// <summary>The experiment files of the suite in <paramref name="directory"/> (<c>*.yaml</c>), by name.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();

    /// <summary>Loads every experiment of <paramref name="files"/>; errors are located <see cref="Sim.Scenarios.Loading.ScenarioException"/>s.</summary>
    public static IReadOnlyList<Experiment> Load(IEnumerable<string> files) => files.Select(ExperimentLoader.LoadFile).ToList();

    /// <summary>
    /// Suite-wide rules, as problems in words (none: the suite is consistent): names are unique, and every cost fitted
    /// to an experiment names one that exists and is a calibration.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Experiment> suite, IEnumerable<(string Profile, string Entry, string Experiment)> profileFits)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, Experiment>(StringComparer.Ordinal);
        foreach (var experiment in suite)
        {
            if (!byName.TryAdd(experiment.Name, experiment)) problems.Add($"two experiments are named '{experiment.Name}' ({byName[experiment.Name].File}, {experiment.File})");
        }
        var fits = profileFits.Concat(suite.SelectMany(e => e.FittedTo.Select(name => (Profile: e.File, Entry: "an override", Experiment: name))));
        foreach (var (profile, entry, name) in fits.Distinct())
        {
            if (!byName.TryGetValue(name, out var target)) problems.Add($"{profile}: '{entry}' is fitted to '{name}', which is no experiment of the suite");
            else if (target.Role != ExperimentRole.Calibration) problems.Add($"{profile}: '{entry}' is fitted to '{name}', a validation experiment: a constant fitted to it cannot validate against it");
        }
        return problems;
    }

    /// <summary>
    /// Runs <paramref name="experiments"/> (in parallel up to <paramref name="jobs"/>) and compares their figures.
    /// Experiments that refer to the same scenario file with the same seed, duration and warm-up read one run (their
    /// files change nothing else of it), so a shipped scenario compared with two tables runs once.
    /// </summary>
    public static FidelityReport Run(IReadOnlyList<Experiment> experiments, int jobs = 1, CancellationToken cancel = default)
    {
        // The first experiment of each run key runs it; every experiment reads the results of its key's run.
        var keys = experiments.Select(RunKey).ToArray();
        var runOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var runners = new List<Experiment>();
        for (int i = 0; i < experiments.Count; i++)
            if (runOf.TryAdd(keys[i], runners.Count)) runners.Add(experiments[i]);
        var results = new RunResults[runners.Count];
        Parallel.For(0, runners.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel },
            i => results[i] = ScenarioRunner.Run(runners[i].Scenario, cancel));
        return new FidelityReport(experiments.SelectMany((e, i) => Compare(e, results[runOf[keys[i]]])).ToList());
    }

    /// <summary>Runs one experiment and compares its figures.</summary>
    public static List<FidelityRow> RunOne(Experiment experiment, CancellationToken cancel = default) =>
        Compare(experiment, ScenarioRunner.Run(experiment.Scenario, cancel));

    private static string RunKey(Experiment experiment) =>
        $"{Path.GetFullPath(experiment.Scenario.SourceFile)}|{experiment.Scenario.Seed}|{experiment.Scenario.Duration.Picoseconds}|{experiment.Scenario.Warmup.Picoseconds}";

    private static List<FidelityRow> Compare(Experiment experiment, RunResults results)
    {
        var rows = new List<FidelityRow>();
        foreach (var figure in experiment.Figures)
        {
            double simulated;
            string? problem = null;
            try
            {
                simulated = figure.Simulated.Evaluate(results);
            }
            catch (InvalidOperationException error)
            {
                simulated = double.NaN;
                problem = error.Message;
            }
            rows.Add(FidelityRow.Compare(experiment, figure, simulated, problem ?? FindingsOf(results)));
        }
        return rows;
    }

    /// <summary>A run that reported findings did not reproduce the set-up as intended: its figures are not trusted.</summary>
    private static string? FindingsOf(RunResults results) => results.Findings.Count == 0 ? null
        : $"the run reported {results.Findings.Count} finding(s), first: {results.Findings[0].Rule}: {results.Findings[0].Detail}";
}
