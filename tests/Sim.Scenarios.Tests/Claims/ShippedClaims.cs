using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Studies;
using Sim.Studies.Claims;
using Sim.Tests.Shared;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Claims;

/// <summary>Decides a shipped scenario's claims on a run of it, shortened, as <c>sim run</c> does.</summary>
internal static class ShippedClaims
{
    /// <summary>The verdicts of the claims of the scenario at <paramref name="relativePath"/>, run for <paramref name="milliseconds"/> after a 100 ms warm-up.</summary>
    public static IReadOnlyList<ClaimVerdict> OfRun(string relativePath, int milliseconds)
    {
        var study = StudyLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), relativePath));
        ClaimsCheck.Check(study);
        var model = study.Scenario with { Duration = SimTime.FromMilliseconds(100 + milliseconds), Warmup = SimTime.FromMilliseconds(100) };
        return RunClaims.Decide(model, ScenarioRunner.Run(model));
    }

    /// <summary>The verdicts of the claims of the scenario at <paramref name="relativePath"/>, run as written.</summary>
    public static IReadOnlyList<ClaimVerdict> OfRun(string relativePath)
    {
        var study = StudyLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), relativePath));
        ClaimsCheck.Check(study);
        return RunClaims.Decide(study.Scenario, ScenarioRunner.Run(study.Scenario));
    }

    /// <summary>
    /// The study summary (claims decided as <c>sim sweep</c> decides them) of the scenario at <paramref name="relativePath"/>
    /// with its text cut by <paramref name="cut"/> (fewer points, replications or a shorter run), run on two threads.
    /// </summary>
    public static StudySummary OfStudy(string relativePath, Func<string, string> cut)
    {
        string file = Path.Combine(RepositoryPaths.Root(), relativePath);
        var study = StudyLoader.LoadText(cut(File.ReadAllText(file)), file);
        ClaimsCheck.Check(study);
        string directory = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}");
        try
        {
            return StudySummary.Of(study, StudyRunner.Run(study, directory, 2).Records);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Asserts that every verdict holds, naming those that do not with their figures.</summary>
    public static void AllHold(IReadOnlyList<ClaimVerdict> verdicts)
    {
        Assert.NotEmpty(verdicts);
        var broken = verdicts.Where(v => v.Outcome != ClaimOutcome.Holds)
            .Select(v => $"{v.Claim.Name} ({ClaimVerdict.Name(v.Outcome)}): {ClaimRows.Figures(v)}").ToList();
        Assert.True(broken.Count == 0, string.Join("; ", broken));
    }
}
