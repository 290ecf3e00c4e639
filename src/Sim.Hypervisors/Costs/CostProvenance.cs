namespace Sim.Hypervisors.Costs;

/// <summary>
/// What a cost rests on (<c>docs/costs.md</c>): exactly one kind per profile entry, so
/// an architect can tell a measurement from a guess, and no value is ever chosen for the ordering it produces.
/// </summary>
public enum ProvenanceKind
{
    /// <summary>A measured figure: the publication, commit message or benchmark, the figure and its conditions.</summary>
    Source,
    /// <summary>A formula over other entries of the profile (its value is computed, never written).</summary>
    Derived,
    /// <summary>Fitted to a named calibration experiment of the validation suite; it can never validate against it.</summary>
    Fitted,
    /// <summary>No measurement found: a value inside a declared range, with the reasoning.</summary>
    Estimate,
}

/// <summary>How values are spread over a <see cref="CostRange"/> when it is sampled (sensitivity and robustness studies).</summary>
public enum RangeDistribution
{
    /// <summary>Every value of the range equally likely.</summary>
    Uniform,
    /// <summary>Every factor equally likely (the logarithm is uniform): for ranges spanning orders of magnitude.</summary>
    LogUniform,
}

/// <summary>
/// The interval a cost is believed to lie in, in the entry's own unit (seconds for a time, bytes per second for a
/// bandwidth). Plain data.
/// </summary>
/// <param name="Low">The lowest plausible value.</param>
/// <param name="High">The highest plausible value.</param>
/// <param name="Distribution">How to sample it.</param>
public sealed record CostRange(double Low, double High, RangeDistribution Distribution = RangeDistribution.Uniform);

/// <summary>An entry's provenance: its kind and the words (citation, formula, experiment, reasoning). Plain data.</summary>
/// <param name="Kind">What the value rests on.</param>
/// <param name="Text">
/// For <see cref="ProvenanceKind.Source"/>, the citation with the figure and its conditions; for
/// <see cref="ProvenanceKind.Derived"/>, the formula; for <see cref="ProvenanceKind.Fitted"/>, the calibration
/// experiment and what was fitted; for <see cref="ProvenanceKind.Estimate"/>, the reasoning.
/// </param>
/// <param name="Range">The plausible interval; required for an estimate, optional otherwise.</param>
/// <param name="Note">Why a formula or figure applies here (e.g. which mechanism a derived entry stands for); optional.</param>
public sealed record CostProvenance(ProvenanceKind Kind, string Text, CostRange? Range = null, string? Note = null)
{
    /// <summary>The kind as profiles spell it: <c>source</c>, <c>derived</c>, <c>fitted</c>, <c>estimate</c>.</summary>
    public string KindName => Name(Kind);

    /// <summary>For a fitted entry, the calibration experiment it names: its text up to the first ':' or ','; null otherwise.</summary>
    public string? FittedTo => Kind == ProvenanceKind.Fitted ? Text[..(Text.IndexOfAny([':', ',']) is var end and >= 0 ? end : Text.Length)].Trim() : null;

    /// <summary>The spelling of <paramref name="kind"/> in profile files.</summary>
    public static string Name(ProvenanceKind kind) => kind switch
    {
        ProvenanceKind.Source => "source",
        ProvenanceKind.Derived => "derived",
        ProvenanceKind.Fitted => "fitted",
        _ => "estimate",
    };

    /// <summary>"kind: text", as explanations print it.</summary>
    public override string ToString() => $"{KindName}: {Text}";
}
