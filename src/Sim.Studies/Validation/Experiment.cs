using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>What an experiment is for in the validation suite (docs/fidelity.md).</summary>
public enum ExperimentRole
{
    /// <summary>Some cost was fitted to it (a profile entry or a scenario override says <c>fitted: NAME</c>): it shows the fit, it proves nothing.</summary>
    Calibration,
    /// <summary>No cost was fitted to it: the model predicts its figures, and they test the model.</summary>
    Validation,
}

/// <summary>Where a published figure comes from. Plain data.</summary>
/// <param name="Title">The publication, commit or post.</param>
/// <param name="Authors">Who wrote it.</param>
/// <param name="Where">Venue, list or repository, with the date.</param>
/// <param name="Url">Where to read it; null when there is no stable address.</param>
/// <param name="Table">The table, figure or paragraph the figures are in.</param>
/// <param name="Conditions">The measured set-up as published (hardware, versions, workload).</param>
public sealed record ExperimentSource(string Title, string Authors, string Where, string? Url, string Table, string Conditions)
{
    /// <summary>"Authors, Title (Where)", for one line.</summary>
    public string Short => $"{Authors}, {Title} ({Where})";
}

/// <summary>One published figure an experiment reproduces. Plain data.</summary>
/// <param name="Name">What the figure is, in words.</param>
/// <param name="Published">The published value.</param>
/// <param name="Unit">Its unit, as published (e.g. IOPS, Mpps, us, ratio).</param>
/// <param name="Simulated">How to read the simulated value from the run's results.</param>
/// <param name="Tolerance">The relative error allowed (0.2 = 20%).</param>
/// <param name="IsRatio">Whether the figure is a ratio of two configurations: its direction (above or below 1) must also agree.</param>
public sealed record ExpectedFigure(string Name, double Published, string Unit, FigureExpression Simulated, double Tolerance, bool IsRatio);

/// <summary>
/// One experiment of the validation suite (<c>validation/*.yaml</c>): a scenario reproducing a published set-up and
/// the figures the publication reports. Plain data, validated by <see cref="ExperimentLoader"/>.
/// </summary>
/// <param name="Name">The experiment's name (the scenario's).</param>
/// <param name="File">Its file, as given.</param>
/// <param name="Role">Calibration or validation.</param>
/// <param name="Source">The publication.</param>
/// <param name="Why">Why the tolerance and how the set-up maps onto the model, in words.</param>
/// <param name="Fast">Whether CI runs it (the fast subset).</param>
/// <param name="Figures">The published figures and how to read them from the run.</param>
/// <param name="Scenario">The scenario that reproduces the set-up.</param>
/// <param name="FittedTo">
/// The experiments named by every fitted entry of the cost profile this one runs on (built-in entries, a machine
/// profile's and the scenario's overrides alike); a validation experiment may not be among them.
/// </param>
public sealed record Experiment(
    string Name, string File, ExperimentRole Role, ExperimentSource Source, string Why, bool Fast,
    IReadOnlyList<ExpectedFigure> Figures, ScenarioModel Scenario, IReadOnlyList<string> FittedTo);
