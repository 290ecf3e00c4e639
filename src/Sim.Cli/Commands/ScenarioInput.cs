using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Studies;
using Sim.Studies.Claims;
using Sim.Studies.Validation;

namespace Sim.Cli.Commands;

/// <summary>Loads a scenario file for a command, turning every kind of bad input into one located message.</summary>
internal static class ScenarioInput
{
    /// <summary>
    /// The model, or null after writing <c>error: file:line:column: problem</c> to <paramref name="error"/>. An experiment
    /// of the fidelity suite (<c>validation/*.yaml</c>) is read as the scenario it runs, so it can be run and explained
    /// like any other; its figures are compared by <c>sim fidelity</c>. A scenario that declares a study has every point
    /// of it checked first, as <c>sim validate</c> and <c>sim sweep</c> do (a point that cannot run is an error even
    /// though only the values as written will run); the model returned holds the values as written.
    /// </summary>
    public static ScenarioModel? TryLoad(string path, TextWriter error) => TryLoad(path, [], error);

    /// <summary>
    /// As <see cref="TryLoad(string, TextWriter)"/>, with values set on the command line (<c>--set PATH=VALUE</c>,
    /// <see cref="ScenarioOverrides"/>) put into the scenario before it is read; not for an experiment file.
    /// </summary>
    public static ScenarioModel? TryLoad(string path, IReadOnlyList<string> settings, TextWriter error) => Located(() =>
    {
        var overrides = ScenarioOverrides.Parse(settings);
        if (ExperimentLoader.IsExperimentFile(path))
        {
            if (overrides.Count > 0) throw new ScenarioException("--set", 1, 1, $"{path} is a validation experiment; its figures are compared with published ones, so its values are not set from the command line");
            return ExperimentLoader.LoadFile(path).Scenario;
        }
        var study = StudyLoader.LoadFile(path, overrides);
        ClaimsCheck.Check(study);
        return study.Scenario;
    }, error);

    /// <summary>
    /// The model of run (<paramref name="point"/>, <paramref name="replication"/>) of the file's study, with its derived
    /// seed; null after writing the error (bad file, or no such point or replication).
    /// </summary>
    public static ScenarioModel? TryLoadRun(string path, int point, int replication, TextWriter error)
    {
        var study = TryLoadStudy(path, error);
        if (study is null) return null;
        if (point < 0 || point >= study.Points.Count)
        {
            error.WriteLine($"error: --point {point}: the study has {study.Points.Count} point(s); expected 0 to {study.Points.Count - 1}");
            return null;
        }
        if (replication < 0 || replication >= study.Declaration.Replications)
        {
            error.WriteLine($"error: --replication {replication}: the study has {study.Declaration.Replications} replication(s); expected 0 to {study.Declaration.Replications - 1}");
            return null;
        }
        return study.Run(point, replication).Model;
    }

    /// <summary>The file as a study, every point validated; null after writing <c>error: file:line:column: problem</c>.</summary>
    public static Study? TryLoadStudy(string path, TextWriter error) => Located(() =>
    {
        var study = StudyLoader.LoadFile(path);
        ClaimsCheck.Check(study);
        return study;
    }, error);

    /// <summary>What <paramref name="load"/> reads, or null after writing its located error.</summary>
    private static T? Located<T>(Func<T> load, TextWriter error) where T : class
    {
        try
        {
            return load();
        }
        catch (ScenarioException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }
}
