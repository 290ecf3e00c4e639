using System.Globalization;
using Sim.Reports;
using Sim.Scenarios.Claims;

namespace Sim.Studies.Claims;

/// <summary>
/// The claims' verdicts as table rows, for the console summary and the report's first section: the claim, its outcome,
/// and the figures of the point that decides it (the first failing, else undecided, else the first point): both sides,
/// and the difference with its interval in a study. Values are plain SI numbers (seconds, bytes, joules).
/// </summary>
public static class ClaimRows
{
    /// <summary>The column headers.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["claim", "verdict", "figures"];

    /// <summary>One row per verdict: the claim's name (with its assertion when <paramref name="withText"/>), the outcome, and the deciding figures.</summary>
    public static List<IReadOnlyList<string>> Of(IReadOnlyList<ClaimVerdict> verdicts, bool withText = false) =>
        verdicts.Select(v => (IReadOnlyList<string>)
        [
            withText ? $"{v.Claim.Name}: {v.Claim.Text}" : v.Claim.Name,
            ClaimVerdict.Name(v.Outcome),
            Figures(v),
        ]).ToList();

    /// <summary>
    /// The deciding point's figures: <c>left OP right</c>, then in a study the difference with its interval, and where
    /// the claim is about several points, which one decides and how many there are.
    /// </summary>
    public static string Figures(ClaimVerdict verdict)
    {
        if (verdict.Deciding is not { } at) return "no point recorded yet";
        string text = $"{Number(at.Left)} {ClaimComparison.Symbol(verdict.Claim.Comparison.Relation)} {Number(at.Right)}";
        if (at.Difference.Count > 1) text += $"; left - right {Difference(at.Difference)} (n={at.Difference.Count})";
        if (verdict.Points.Count > 1)
            text += verdict.Outcome == ClaimOutcome.Holds ? $"; at {at.Label}, the first of {verdict.Points.Count} points (all hold)" : $"; at {at.Label}, of {verdict.Points.Count} points";
        return text;
    }

    /// <summary>The report's blocks for <paramref name="verdicts"/>: a sentence on how they are decided, then the table; none without claims.</summary>
    public static IReadOnlyList<ReportBlock> Blocks(IReadOnlyList<ClaimVerdict> verdicts, double confidence)
    {
        if (verdicts.Count == 0) return [];
        string level = confidence.ToString("P0", CultureInfo.InvariantCulture);
        return
        [
            new TextBlock($"The scenario's claims. At each point a claim is about, left - right is taken per replication; the claim holds there when the " +
                $"whole {level} confidence interval of that difference is on the claimed side, fails when it is wholly on the other side, and is undecided " +
                "when it straddles. Over its points a claim fails if any point fails, is undecided if any is, and holds otherwise. " +
                "The figures are the deciding point's (the first failing, else undecided, else the first), in SI units."),
            new TableBlock(null, Headers, Of(verdicts, withText: true), NumericFrom: 3),
        ];
    }

    private static string Number(double value) => MetricText.Value(value, null);

    private static string Difference(SampleSummary difference) =>
        double.IsNaN(difference.HalfWidth) || difference.HalfWidth == 0
            ? Number(difference.Mean)
            : $"{Number(difference.Mean)} ± {Number(difference.HalfWidth)}";
}
