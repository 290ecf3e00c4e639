using Sim.Scenarios.Claims;
using Sim.Scenarios.Model;
using Sim.Studies;
using Sim.Studies.Claims;

namespace Sim.Scenarios.Tests.Claims;

/// <summary>
/// A claim in a study: per point the paired difference over replications and its interval decide holds, fails or
/// undecided, and over the points the worst outcome wins (issue 19).
/// </summary>
public sealed class StudyClaimsTests
{
    private static readonly StudyDeclaration Declaration = StudyDeclaration.Single with
    {
        Replications = 3,
        Parameters = [new SweepParameter("vcpus", ["x"], [new SweepValue("1", 1, null), new SweepValue("4", 4, null)])],
    };

    private static PointSummary Point(int index, params (double A, double B)[] runs)
    {
        var point = new StudyPoint(index, [Declaration.Parameters[0].Values[index]], null!);
        var records = runs.Select((r, i) => new RunRecord(index, i, 0, false,
            [KeyValuePair.Create("w-a/x.mean", r.A), KeyValuePair.Create("w-b/x.mean", r.B)], [], [], [])).ToList();
        return new PointSummary(point, records, [], [], []);
    }

    private static ClaimVerdict Decide(string text, params PointSummary[] points) =>
        ClaimEvaluator.ForStudy([ClaimParser.Parse("c", text, 1, 1)], Declaration, points).Single();

    [Fact]
    public void An_interval_of_the_difference_on_the_claimed_side_holds_and_straddling_zero_is_undecided()
    {
        var clear = Point(0, (1.0, 2.0), (1.1, 2.1), (0.9, 1.9));
        var noisy = Point(1, (1.0, 2.0), (3.0, 2.0), (1.5, 2.0));
        Assert.Equal(ClaimOutcome.Holds, Decide("x.mean[a] < x.mean[b]", clear).Outcome);
        Assert.Equal(ClaimOutcome.Fails, Decide("x.mean[a] > x.mean[b]", clear).Outcome);
        Assert.Equal(ClaimOutcome.Undecided, Decide("x.mean[a] < x.mean[b]", noisy).Outcome);
        Assert.Equal(ClaimOutcome.Undecided, Decide("x.mean[a] < x.mean[b]", clear, noisy).Outcome);
        Assert.Equal(ClaimOutcome.Holds, Decide("x.mean[a] < x.mean[b] where vcpus < 4", clear, noisy).Outcome);
    }

    [Fact]
    public void The_difference_is_paired_run_by_run_so_common_noise_cancels()
    {
        // Both sides swing together from run to run; their difference is always -0.1.
        var point = Point(0, (1.0, 1.1), (5.0, 5.1), (9.0, 9.1));
        var verdict = Decide("x.mean[a] < x.mean[b]", point);
        Assert.Equal(ClaimOutcome.Holds, verdict.Outcome);
        Assert.Equal(-0.1, verdict.Points[0].Difference.Mean, 9);
    }

    [Fact]
    public void A_claim_at_some_point_holds_where_one_point_holds_and_fails_only_where_all_fail()
    {
        var good = Point(0, (1.0, 2.0), (1.0, 2.0), (1.0, 2.0));
        var bad = Point(1, (3.0, 2.0), (3.0, 2.0), (3.0, 2.0));
        var some = Decide("x.mean[a] < x.mean[b] at some point", good, bad);
        Assert.Equal(ClaimOutcome.Holds, some.Outcome);
        Assert.Equal(0, some.Deciding!.Point);
        Assert.Equal(ClaimOutcome.Fails, Decide("x.mean[a] < x.mean[b] at some point where vcpus >= 4", good, bad).Outcome);
        Assert.Equal(ClaimOutcome.Fails, Decide("x.mean[a] < x.mean[b] at every point", good, bad).Outcome);
    }

    [Fact]
    public void One_failing_point_fails_the_claim_and_is_the_one_shown()
    {
        var good = Point(0, (1.0, 2.0), (1.0, 2.0), (1.0, 2.0));
        var bad = Point(1, (3.0, 2.0), (3.0, 2.0), (3.0, 2.0));
        var verdict = Decide("x.mean[a] < x.mean[b]", good, bad);
        Assert.Equal(ClaimOutcome.Fails, verdict.Outcome);
        Assert.Equal(1, verdict.Deciding!.Point);
    }
}
