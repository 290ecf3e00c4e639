using System.Text.Json;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;

namespace Sim.Studies.Claims;

/// <summary>
/// A single run's claims: decided on the run's flattened values (<see cref="RunRecord.Flatten"/>, the keys a study
/// uses), and written into its <c>results.json</c> as <c>claims</c> (<see cref="ClaimsJson"/>); claims with a
/// <c>where</c> or <c>at some point</c> are about study points and are left to the study.
/// </summary>
public static class RunClaims
{
    /// <summary>The verdicts of <paramref name="model"/>'s claims on <paramref name="results"/>; a reference the run lacks is a located error.</summary>
    public static IReadOnlyList<ClaimVerdict> Decide(ScenarioModel model, RunResults results)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Claims.Count == 0 ? [] : Decide(model, Sim.Worlds.Results.ResultsJson.Write(results));
    }

    /// <summary>
    /// <paramref name="results"/>' <c>results.json</c> text with the verdicts of <paramref name="model"/>'s claims in it
    /// (none when the scenario has none), and the verdicts; when a claim names a value the run lacks, the text without
    /// claims and that located error, so that the run's results are kept.
    /// </summary>
    public static (string Json, IReadOnlyList<ClaimVerdict> Verdicts, ScenarioException? Error) Results(ScenarioModel model, RunResults results)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tree = Sim.Worlds.Results.ResultsJson.ToTree(results);
        string json = CanonicalJsonWriter.Write(tree);
        if (model.Claims.Count == 0) return (json, [], null);
        IReadOnlyList<ClaimVerdict> verdicts;
        try
        {
            verdicts = Decide(model, json);
        }
        catch (ScenarioException error)
        {
            return (json, [], error);
        }
        if (verdicts.Count == 0) return (json, verdicts, null);
        tree["claims"] = ClaimsJson.Tree(verdicts);
        return (CanonicalJsonWriter.Write(tree), verdicts, null);
    }

    private static List<ClaimVerdict> Decide(ScenarioModel model, string resultsJson)
    {
        using var document = JsonDocument.Parse(resultsJson);
        var values = RunRecord.Flatten(document.RootElement).ToDictionary(StringComparer.Ordinal);
        var verdicts = new List<ClaimVerdict>();
        foreach (var claim in model.Claims.Where(c => c.Where.Count == 0 && !c.AtSomePoint))
            ClaimsCheck.Located(model, claim, () => verdicts.AddRange(ClaimEvaluator.ForRun([claim], values)));
        return verdicts;
    }
}
