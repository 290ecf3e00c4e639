using System.Text.Json;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;

namespace Sim.Studies.Claims;

/// <summary>
/// A single run's claims: decided on the run's flattened values (<see cref="RunRecord.Flatten"/>, the keys a study
/// uses), and written into its <c>results.json</c> as <c>claims</c> (<see cref="ClaimsJson"/>); claims with a
/// <c>where</c> are about study points and are left to the study.
/// </summary>
public static class RunClaims
{
    /// <summary>The verdicts of <paramref name="model"/>'s claims on <paramref name="results"/>; a reference the run lacks is a located error.</summary>
    public static IReadOnlyList<ClaimVerdict> Decide(ScenarioModel model, RunResults results)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Claims.Count == 0) return [];
        using var document = JsonDocument.Parse(Sim.Worlds.Results.ResultsJson.Write(results));
        var values = RunRecord.Flatten(document.RootElement).ToDictionary(StringComparer.Ordinal);
        var verdicts = new List<ClaimVerdict>();
        foreach (var claim in model.Claims.Where(c => c.Where.Count == 0 && !c.AtSomePoint))
            ClaimsCheck.Located(model, claim, () => verdicts.AddRange(ClaimEvaluator.ForRun([claim], values)));
        return verdicts;
    }

    /// <summary><paramref name="results"/>' <c>results.json</c> text, with <c>claims</c> when there are verdicts.</summary>
    public static string ResultsJson(RunResults results, IReadOnlyList<ClaimVerdict> verdicts)
    {
        var tree = Sim.Worlds.Results.ResultsJson.ToTree(results);
        if (verdicts.Count > 0) tree["claims"] = ClaimsJson.Tree(verdicts);
        return CanonicalJsonWriter.Write(tree);
    }
}
