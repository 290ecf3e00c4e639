using Sim.Scenarios.Claims;

namespace Sim.Studies.Claims;

/// <summary>Whether a claim holds: at a point, and over all the points it is about.</summary>
public enum ClaimOutcome
{
    /// <summary>Holds: at every point, the difference (or its whole interval) is on the claimed side.</summary>
    Holds,
    /// <summary>Fails: at some point, the difference (or its whole interval) is on the other side.</summary>
    Fails,
    /// <summary>Undecided: no point fails, but at some point the interval of the difference straddles the boundary.</summary>
    Undecided,
}

/// <summary>
/// A claim at one point (or one run): the two sides' means over the replications and the paired difference's
/// summary (left minus right per replication), with its outcome.
/// </summary>
/// <param name="Point">The point's index; 0 for a single run.</param>
/// <param name="Label">The point as <c>name=value</c> pairs ("base" when nothing is swept).</param>
/// <param name="Left">The left side's mean.</param>
/// <param name="Right">The right side's mean.</param>
/// <param name="Difference">Left minus right over the replications (a zero-width interval for one run).</param>
/// <param name="Outcome">The outcome at this point.</param>
public sealed record ClaimAtPoint(int Point, string Label, double Left, double Right, SampleSummary Difference, ClaimOutcome Outcome);

/// <summary>A claim's verdict: the outcome over its points, and each point's.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Outcome">Fails if any point fails, else undecided if any point is, else holds.</param>
/// <param name="Points">Each point the claim is about, in point order.</param>
public sealed record ClaimVerdict(Claim Claim, ClaimOutcome Outcome, IReadOnlyList<ClaimAtPoint> Points)
{
    /// <summary>The outcome as results write it: holds, fails, undecided.</summary>
    public static string Name(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "holds",
        ClaimOutcome.Fails => "fails",
        _ => "undecided",
    };

    /// <summary>
    /// The point that decides the verdict: the first failing, else the first undecided, else the first; for a claim
    /// <c>at some point</c> that holds, the first point where it holds.
    /// </summary>
    public ClaimAtPoint? Deciding =>
        (Claim.AtSomePoint && Outcome == ClaimOutcome.Holds ? Points.FirstOrDefault(p => p.Outcome == ClaimOutcome.Holds) : null)
        ?? Points.FirstOrDefault(p => p.Outcome == ClaimOutcome.Fails)
        ?? Points.FirstOrDefault(p => p.Outcome == ClaimOutcome.Undecided)
        ?? Points.FirstOrDefault();
}
