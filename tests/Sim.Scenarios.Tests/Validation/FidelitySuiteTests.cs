using Sim.Scenarios.Model;
using System.Globalization;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Studies.Validation;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Validation;

/// <summary>
/// The fidelity suite (<c>validation/</c>) as CI's gate: every experiment loads, the suite is consistent with the
/// profiles fitted to it, it is as large as it is today, the fast subset holds (every figure within its tolerance and
/// direction, the validation median within 20%), and the gate closes when a figure or the median is off.
/// </summary>
[Collection(FidelitySuiteCollection.Name)]
public sealed class FidelitySuiteTests
{
    /// <summary>What the suite holds today; a deleted experiment (or one taken out of CI) fails the count test.</summary>
    private const int Experiments = 9, ValidationExperiments = 4, FastExperiments = 9;

    private static readonly string SuiteDirectory = RepositoryPaths.Of("validation");

    private static readonly Lazy<IReadOnlyList<Experiment>> LoadedSuite = new(() => FidelityRunner.Load(FidelityRunner.Files(SuiteDirectory)));

    private static IReadOnlyList<Experiment> Suite => LoadedSuite.Value;

    /// <summary>Every built-in profile entry fitted to an experiment, as <c>sim fidelity</c> checks them.</summary>
    private static IEnumerable<(string Profile, string Entry, string Experiment)> BuiltInFits() =>
        CostProfileLoader.BuiltInNames.Select(name => CostProfileLoader.LoadBuiltIn(name)!).SelectMany(profile => profile.Entries
            .Where(e => e.Provenance.Kind == ProvenanceKind.Fitted)
            .Select(e => ($"profiles/{profile.Name}.yaml", e.Name, e.Provenance.FittedTo!)));

    /// <summary>The machine profiles of the suite (<c>validation/machines/*.yaml</c>), loaded as experiments load them.</summary>
    private static IEnumerable<CostProfile> MachineProfiles() =>
        Directory.EnumerateFiles(Path.Combine(SuiteDirectory, "machines"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => CostProfileLoader.LoadText(File.ReadAllText(path), path));

    private static IEnumerable<string> FittedExperiments(CostProfile profile) =>
        profile.Entries.Select(e => e.Provenance.FittedTo).OfType<string>();

    [Fact]
    public void Every_experiment_loads_under_a_name_of_its_own_and_the_suite_is_consistent_with_the_profiles()
    {
        Assert.Equal(FidelityRunner.Files(SuiteDirectory).Count, Suite.Count);
        var duplicates = Suite.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"experiment names used twice: {string.Join(", ", duplicates)}");
        Assert.All(Suite, e => Assert.Equal(Path.GetFileNameWithoutExtension(e.File), e.Name));

        var problems = FidelityRunner.Check(Suite, BuiltInFits());
        Assert.True(problems.Count == 0, "the suite is inconsistent:\n" + string.Join("\n", problems));
        // The machine profiles' fits reach the check through the experiments that run on them.
        var machineFits = MachineProfiles().SelectMany(FittedExperiments).Distinct().ToList();
        Assert.NotEmpty(machineFits);
        Assert.All(machineFits, name => Assert.Contains(Suite, e => e.FittedTo.Contains(name)));
    }

    [Fact]
    public void The_suite_has_at_least_the_experiments_it_has_today()
    {
        string listing = string.Join(", ", Suite.Select(e => $"{e.Name} ({FidelityDocuments.RoleName(e.Role)}{(e.Fast ? ", fast" : "")})"));
        Assert.True(Suite.Count >= Experiments, $"{Suite.Count} experiments, expected at least {Experiments}: {listing}");
        Assert.True(Suite.Count(e => e.Role == ExperimentRole.Validation) >= ValidationExperiments,
            $"fewer than {ValidationExperiments} validation experiments: {listing}");
        Assert.True(Suite.Count(e => e.Fast) >= FastExperiments, $"fewer than {FastExperiments} experiments in the fast subset CI runs: {listing}");
    }

    [Fact]
    public void Every_fitted_entry_of_a_profile_names_a_calibration_experiment_file_of_the_suite()
    {
        var fits = BuiltInFits().Concat(MachineProfiles().SelectMany(profile => profile.Entries
            .Where(e => e.Provenance.Kind == ProvenanceKind.Fitted)
            .Select(e => (Profile: $"validation/machines/{profile.Name}.yaml", Entry: e.Name, Experiment: e.Provenance.FittedTo!)))).ToList();
        Assert.NotEmpty(fits);
        Assert.Contains(fits, f => f.Profile.StartsWith("validation/machines/", StringComparison.Ordinal));

        foreach (var (profile, entry, name) in fits.Distinct())
        {
            string file = Path.Combine(SuiteDirectory, name + ".yaml");
            Assert.True(File.Exists(file), $"{profile}: '{entry}' is fitted to '{name}', but there is no validation/{name}.yaml");
            var experiment = Assert.Single(Suite, e => e.Name == name);
            Assert.True(experiment.Role == ExperimentRole.Calibration,
                $"{profile}: '{entry}' is fitted to '{name}', which is a validation experiment: a constant fitted to it cannot validate against it");
        }
    }

    [Fact]
    public void No_validation_experiment_runs_on_a_cost_fitted_to_it()
    {
        var validation = Suite.Where(e => e.Role == ExperimentRole.Validation).ToList();
        Assert.NotEmpty(validation);
        foreach (var experiment in validation)
        {
            var fittedHere = experiment.Scenario.Transport?.Costs.Entries
                .Where(e => e.Provenance.Kind == ProvenanceKind.Fitted && e.Provenance.FittedTo == experiment.Name)
                .Select(e => e.Name).ToList() ?? [];
            Assert.True(fittedHere.Count == 0, $"{experiment.Name} is a validation experiment, but {string.Join(", ", fittedHere)} were fitted to it");
            Assert.DoesNotContain(experiment.Name, experiment.FittedTo);
        }
    }

    [Fact]
    public void The_fast_subset_holds_every_figure_within_its_tolerance_and_direction_and_the_validation_median_within_20_percent()
    {
        var fast = Suite.Where(e => e.Fast).ToList();
        var report = FidelityRunner.Run(fast, Environment.ProcessorCount);

        Assert.Equal(fast.Sum(e => e.Figures.Count), report.Rows.Count);
        Assert.Equal(fast.Select(e => e.Name), report.Experiments);
        var failing = report.Rows.Where(r => !r.Passes).Select(Describe).ToList();
        double median = report.ValidationMedianError;
        Assert.False(double.IsNaN(median), "the fast subset has no validation figure, so its median error says nothing");
        if (median > FidelityReport.MedianLimit)
            failing.Add($"median absolute error of the validation figures {FidelityDocuments.Percent(median)} > {FidelityDocuments.Percent(FidelityReport.MedianLimit)}");
        Assert.True(failing.Count == 0, "the fast fidelity suite does not hold:\n" + string.Join("\n", failing));
        Assert.True(report.Holds);
    }

    [Fact]
    public void A_calibration_experiment_whose_published_figure_is_doubled_falls_outside_its_tolerance_and_the_suite_does_not_hold()
    {
        // wang-vhost-net-tx: a calibration of one figure, the quickest experiment to run.
        string original = Path.Combine(SuiteDirectory, "wang-vhost-net-tx.yaml");
        var figure = Assert.Single(ExperimentLoader.LoadFile(original).Figures);
        string published = figure.Published.ToString(CultureInfo.InvariantCulture);
        string text = File.ReadAllText(original);
        string doubled = text.Replace($"published: {published},", $"published: {(2 * figure.Published).ToString(CultureInfo.InvariantCulture)},", StringComparison.Ordinal);
        Assert.NotEqual(text, doubled);
        string copy = Path.Combine(TempDirectory(), "wang-vhost-net-tx.yaml");
        File.WriteAllText(copy, doubled);

        var report = FidelityRunner.Run([ExperimentLoader.LoadFile(copy)], 1);

        var row = Assert.Single(report.Rows);
        Assert.Null(row.Problem);
        Assert.Equal(2 * figure.Published, row.Published);
        // The model still gives about the original figure, so it is about half the doubled one.
        Assert.InRange(row.Error, -0.6, -0.4);
        Assert.False(row.WithinTolerance);
        Assert.False(row.Passes);
        Assert.False(report.Holds);
        Assert.StartsWith("does not hold: 1 figure(s) outside their tolerance or direction", FidelityDocuments.Verdict(report));
    }

    [Fact]
    public void Validation_figures_each_within_tolerance_do_not_hold_when_their_median_error_exceeds_20_percent()
    {
        FidelityRow Row(double error) => new("e", ExperimentRole.Validation, "s", $"figure {error}", "x", 100, 100 * (1 + error), error, 0.3, false, null);

        var wide = new FidelityReport([Row(0.25), Row(-0.25), Row(0.1)]);
        Assert.All(wide.Rows, r => Assert.True(r.Passes));
        Assert.Equal(0.25, wide.ValidationMedianError, 12);
        Assert.False(wide.Holds);

        var close = new FidelityReport([Row(0.25), Row(-0.1), Row(0.1)]);
        Assert.Equal(0.1, close.ValidationMedianError, 12);
        Assert.True(close.Holds);
    }

    [Fact]
    public void A_ratio_within_its_tolerance_but_on_the_other_side_of_1_fails()
    {
        var wrongSide = new FidelityRow("e", ExperimentRole.Calibration, "s", "a / b", "x", 1.2, 0.95, 0.95 / 1.2 - 1, 0.25, true, null);
        Assert.True(wrongSide.WithinTolerance);
        Assert.False(wrongSide.DirectionAgrees);
        Assert.False(wrongSide.Passes);
        Assert.False(new FidelityReport([wrongSide]).Holds);

        var rightSide = wrongSide with { Simulated = 1.05, Error = 1.05 / 1.2 - 1 };
        Assert.True(rightSide.Passes);
    }

    /// <summary>A failing figure in one line: what it is, published, simulated, error and tolerance, and why it failed.</summary>
    private static string Describe(FidelityRow row) =>
        $"{row.Experiment} / {row.Figure}: published {FidelityDocuments.Number(row.Published)} {row.Unit}, " +
        $"simulated {FidelityDocuments.Number(row.Simulated)} {row.Unit}, error {FidelityDocuments.Percent(row.Error)} " +
        $"(tolerance ±{FidelityDocuments.Percent(row.Tolerance).TrimStart('+')})" +
        (row.DirectionAgrees ? "" : ", on the other side of 1 than published") + (row.Problem is null ? "" : $": {row.Problem}");

    private static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>
/// The fidelity suite runs its experiments on every core, so its tests run on their own, after the tests that run in
/// parallel: sharing the cores with them would double its time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FidelitySuiteCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fidelity suite";
}
