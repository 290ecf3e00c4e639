using System.Globalization;
using Sim.Scenarios.Claims;
using Sim.Scenarios.Model;

namespace Sim.Studies.Claims;

/// <summary>
/// Decides a scenario's claims (issue 19). In a single run each side is a number and the comparison holds or fails. In
/// a study, at each point the claim is about (its <c>where</c>), the difference left - right is taken per replication
/// (paired: both sides come from the same run, so common random numbers cancel) and summarised with the study's
/// confidence (<see cref="SampleSummary"/>, Student t); the claim holds there when the whole interval is on the claimed
/// side of zero (for <c>==</c>: within ± tolerance x |right|), fails when the whole interval is on the other side, and is
/// undecided otherwise. Over its points a claim fails if any point fails, is undecided if any point is, else holds;
/// a claim <c>at some point</c> holds if any point holds, fails if every point fails, else is undecided.
/// </summary>
public static class ClaimEvaluator
{
    /// <summary>The verdicts of <paramref name="claims"/> without a <c>where</c> on one run's flattened <paramref name="values"/>.</summary>
    public static IReadOnlyList<ClaimVerdict> ForRun(IReadOnlyList<Claim> claims, IReadOnlyDictionary<string, double> values) =>
        claims.Where(c => c.Where.Count == 0 && !c.AtSomePoint)
            .Select(c => Verdict(c, [At(c, 0, "base", [values], 0.95)]))
            .ToList();

    /// <summary>The verdicts of <paramref name="claims"/> over the points of <paramref name="points"/> (of <paramref name="declaration"/>) that have runs.</summary>
    public static IReadOnlyList<ClaimVerdict> ForStudy(IReadOnlyList<Claim> claims, StudyDeclaration declaration, IReadOnlyList<PointSummary> points)
    {
        var verdicts = new List<ClaimVerdict>();
        // Each run's values by key, made once for every claim that reads the point.
        var runs = new Dictionary<int, IReadOnlyList<IReadOnlyDictionary<string, double>>>();
        IReadOnlyList<IReadOnlyDictionary<string, double>> RunsOf(PointSummary p) => runs.TryGetValue(p.Point.Index, out var made) ? made
            : runs[p.Point.Index] = p.Runs.Select(r => (IReadOnlyDictionary<string, double>)r.Values.ToDictionary(StringComparer.Ordinal)).ToList();
        foreach (var claim in claims)
        {
            var selected = points.Where(p => p.Runs.Count > 0 && Selects(claim, declaration, p.Point)).ToList();
            var at = selected.Select(p => At(claim, p.Point.Index, p.Point.Label(declaration), RunsOf(p), declaration.Confidence)).ToList();
            verdicts.Add(Verdict(claim, at));
        }
        return verdicts;
    }

    /// <summary>Whether <paramref name="point"/> satisfies every condition of <paramref name="claim"/>'s <c>where</c>.</summary>
    public static bool Selects(Claim claim, StudyDeclaration declaration, StudyPoint point)
    {
        foreach (var condition in claim.Where)
        {
            int index = declaration.Parameters.ToList().FindIndex(p => p.Name == condition.Parameter);
            if (index < 0) throw new ClaimReferenceException($"claim '{claim.Name}': no swept parameter is named {condition.Parameter}");
            if (!Satisfies(claim, condition, declaration.Parameters[index], point.Values[index])) return false;
        }
        return true;
    }

    private static bool Satisfies(Claim claim, PointCondition condition, SweepParameter parameter, SweepValue value)
    {
        double? wanted = parameter.Values.FirstOrDefault(v => v.Text == condition.Value)?.Number
            ?? (double.TryParse(condition.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) ? plain : null);
        if (value.Number is { } number && wanted is { } target)
        {
            return condition.Operator switch
            {
                "<" => number < target,
                "<=" => number <= target,
                ">" => number > target,
                ">=" => number >= target,
                "==" => number == target,
                _ => number != target,
            };
        }
        return condition.Operator switch
        {
            "==" => value.Text == condition.Value,
            "!=" => value.Text != condition.Value,
            _ => throw new ClaimReferenceException($"claim '{claim.Name}': {condition.Parameter} {condition.Operator} {condition.Value} compares values that are not numbers; use == or !="),
        };
    }

    private static ClaimAtPoint At(Claim claim, int point, string label, IReadOnlyList<IReadOnlyDictionary<string, double>> runs, double confidence)
    {
        var left = new List<double>();
        var right = new List<double>();
        var difference = new List<double>();
        foreach (var values in runs)
        {
            double l = claim.Comparison.Left.Evaluate(r => ClaimReferences.Value(r, values));
            double r = claim.Comparison.Right.Evaluate(r => ClaimReferences.Value(r, values));
            left.Add(l);
            right.Add(r);
            difference.Add(l - r);
        }
        var summary = SampleSummary.Of(difference, confidence);
        double rightMean = right.Average();
        return new ClaimAtPoint(point, label, left.Average(), rightMean, summary, Outcome(claim.Comparison, summary, rightMean));
    }

    private static ClaimOutcome Outcome(ClaimComparison comparison, SampleSummary difference, double right)
    {
        double half = double.IsNaN(difference.HalfWidth) ? 0 : difference.HalfWidth;
        double low = difference.Mean - half, high = difference.Mean + half;
        if (double.IsNaN(difference.Mean)) return ClaimOutcome.Undecided;
        return comparison.Relation switch
        {
            ClaimRelation.Less => high < 0 ? ClaimOutcome.Holds : low >= 0 ? ClaimOutcome.Fails : ClaimOutcome.Undecided,
            ClaimRelation.LessOrEqual => high <= 0 ? ClaimOutcome.Holds : low > 0 ? ClaimOutcome.Fails : ClaimOutcome.Undecided,
            ClaimRelation.Greater => low > 0 ? ClaimOutcome.Holds : high <= 0 ? ClaimOutcome.Fails : ClaimOutcome.Undecided,
            ClaimRelation.GreaterOrEqual => low >= 0 ? ClaimOutcome.Holds : high < 0 ? ClaimOutcome.Fails : ClaimOutcome.Undecided,
            _ => Within(low, high, comparison.Tolerance * Math.Abs(right)),
        };
    }

    private static ClaimOutcome Within(double low, double high, double band) =>
        low >= -band && high <= band ? ClaimOutcome.Holds
        : high < -band || low > band ? ClaimOutcome.Fails
        : ClaimOutcome.Undecided;

    private static ClaimVerdict Verdict(Claim claim, IReadOnlyList<ClaimAtPoint> points)
    {
        if (claim.AtSomePoint)
        {
            var some = points.Any(p => p.Outcome == ClaimOutcome.Holds) ? ClaimOutcome.Holds
                : points.Count > 0 && points.All(p => p.Outcome == ClaimOutcome.Fails) ? ClaimOutcome.Fails
                : ClaimOutcome.Undecided;
            return new ClaimVerdict(claim, some, points);
        }
        var outcome = points.Any(p => p.Outcome == ClaimOutcome.Fails) ? ClaimOutcome.Fails
            : points.Any(p => p.Outcome == ClaimOutcome.Undecided) || points.Count == 0 ? ClaimOutcome.Undecided
            : ClaimOutcome.Holds;
        return new ClaimVerdict(claim, outcome, points);
    }
}
