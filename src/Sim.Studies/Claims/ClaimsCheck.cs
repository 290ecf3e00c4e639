using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;

namespace Sim.Studies.Claims;

/// <summary>
/// Checks a scenario's claims before anything runs: every metric reference against the metrics the scenario produces
/// (<see cref="MetricCatalog"/>: its world built, not run) and every <c>where</c> against each study point's values. A
/// problem is a <see cref="ScenarioException"/> located at the claim's assertion.
/// </summary>
public static class ClaimsCheck
{
    /// <summary>Checks the claims of <paramref name="study"/> (its points' <c>where</c> conditions included).</summary>
    public static void Check(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var scenario = study.Scenario;
        if (scenario.Claims.Count == 0) return;
        Check(study.Points.Count > 0 ? study.Points[0].Model : scenario);
        foreach (var claim in scenario.Claims)
        {
            Located(scenario, claim, () =>
            {
                if (!study.Points.Any(p => ClaimEvaluator.Selects(claim, study.Declaration, p)))
                    throw new ClaimReferenceException("its 'where' selects no point of the study");
            });
        }
    }

    /// <summary>Checks the metric references of <paramref name="scenario"/>'s claims.</summary>
    public static void Check(ScenarioModel scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Claims.Count == 0) return;
        var paths = MetricCatalog.Of(scenario).Select(m => m.Path).ToList();
        foreach (var claim in scenario.Claims) Located(scenario, claim, () => ClaimReferences.Check(claim, paths));
    }

    /// <summary>Runs <paramref name="check"/>, turning a <see cref="ClaimReferenceException"/> into an error at <paramref name="claim"/>.</summary>
    public static void Located(ScenarioModel scenario, Scenarios.Claims.Claim claim, Action check)
    {
        try
        {
            check();
        }
        catch (ClaimReferenceException error)
        {
            throw new ScenarioException(scenario.SourceFile, claim.Line, claim.Column, $"claim '{claim.Name}': {error.Message}");
        }
    }

}
