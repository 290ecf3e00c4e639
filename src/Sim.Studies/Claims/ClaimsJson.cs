namespace Sim.Studies.Claims;

/// <summary>
/// The claims' verdicts as a results tree (<c>claims</c> in <c>results.json</c> and a study's results): per claim its
/// name, text, outcome and, per point, the two sides' means and the paired difference's interval.
/// </summary>
public static class ClaimsJson
{
    /// <summary>The tree of <paramref name="verdicts"/>, in claim order.</summary>
    public static List<object?> Tree(IReadOnlyList<ClaimVerdict> verdicts) =>
        verdicts.Select(v => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = v.Claim.Name,
            ["claim"] = v.Claim.Text,
            ["outcome"] = ClaimVerdict.Name(v.Outcome),
            ["points"] = v.Points.Select(p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["point"] = p.Point,
                ["label"] = p.Label,
                ["outcome"] = ClaimVerdict.Name(p.Outcome),
                ["left"] = p.Left,
                ["right"] = p.Right,
                ["difference"] = p.Difference.Mean,
                ["halfWidth"] = double.IsNaN(p.Difference.HalfWidth) ? null : p.Difference.HalfWidth,
                ["n"] = p.Difference.Count,
            }).ToList(),
        }).ToList();
}
