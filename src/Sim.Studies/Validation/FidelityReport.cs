using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>One published figure against the model. Plain data.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Role">Calibration or validation.</param>
/// <param name="Source">The publication, in one line.</param>
/// <param name="Figure">What the figure is.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Published">The published value.</param>
/// <param name="Simulated">The model's value (NaN when it could not be read).</param>
/// <param name="Error">(simulated - published) / published.</param>
/// <param name="Tolerance">The relative error allowed.</param>
/// <param name="IsRatio">Whether the figure is a ratio, with a direction.</param>
/// <param name="Problem">Why the figure could not be compared (a metric matching nothing, findings in the run), else null.</param>
public sealed record FidelityRow(
    string Experiment, ExperimentRole Role, string Source, string Figure, string Unit, double Published, double Simulated,
    double Error, double Tolerance, bool IsRatio, string? Problem)
{
    /// <summary>Whether the error is within the tolerance.</summary>
    public bool WithinTolerance => Problem is null && double.IsFinite(Error) && Math.Abs(Error) <= Tolerance;

    /// <summary>Whether a ratio lies on the same side of 1 as published (always true for other figures).</summary>
    public bool DirectionAgrees => !IsRatio || (Problem is null && Math.Sign(Simulated - 1) == Math.Sign(Published - 1));

    /// <summary>Whether the figure passes: within tolerance and, for a ratio, in the published direction.</summary>
    public bool Passes => WithinTolerance && DirectionAgrees;

    /// <summary>The row comparing <paramref name="simulated"/> with <paramref name="figure"/>'s published value.</summary>
    public static FidelityRow Compare(Experiment experiment, ExpectedFigure figure, double simulated, string? problem) =>
        new(experiment.Name, experiment.Role, experiment.Source.Short, figure.Name, figure.Unit, figure.Published, simulated,
            (simulated - figure.Published) / figure.Published, figure.Tolerance, figure.IsRatio, problem);
}

/// <summary>
/// The outcome of a fidelity run: a row per figure, and the suite's verdict. The suite holds when every figure passes
/// (calibrations show their fit, validations their prediction) and the median absolute error of the validation figures
/// is at most <see cref="MedianLimit"/>. Plain data.
/// </summary>
/// <param name="Rows">The figures, experiment by experiment in file order.</param>
public sealed record FidelityReport(IReadOnlyList<FidelityRow> Rows)
{
    /// <summary>The largest median absolute error of the validation figures the suite accepts (issue 13: 20%).</summary>
    public const double MedianLimit = 0.2;

    /// <summary>The validation figures.</summary>
    public IEnumerable<FidelityRow> Validation => Rows.Where(r => r.Role == ExperimentRole.Validation);

    /// <summary>The median absolute error of the validation figures; NaN when there is none.</summary>
    public double ValidationMedianError
    {
        get
        {
            var errors = Validation.Select(r => Math.Abs(r.Error)).Where(double.IsFinite).Order().ToList();
            if (errors.Count == 0) return double.NaN;
            int mid = errors.Count / 2;
            return errors.Count % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
        }
    }

    /// <summary>Whether every figure passes and the validation median error is within <see cref="MedianLimit"/>.</summary>
    public bool Holds => Rows.All(r => r.Passes) && !(ValidationMedianError > MedianLimit);

    /// <summary>The experiments in the report, in order.</summary>
    public IReadOnlyList<string> Experiments => Rows.Select(r => r.Experiment).Distinct().ToList();
}
