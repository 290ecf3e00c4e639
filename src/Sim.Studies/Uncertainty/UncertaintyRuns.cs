using Microsoft.Extensions.Logging;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// What <c>sim sensitivity</c> and <c>sim robustness</c> share: finding the ranged costs a study's runs charge (one
/// probe run of its first point), and running the study under cost settings (<see cref="CostSettings"/>) on
/// <see cref="StudyRunner"/> into a directory (resumable, byte-identical for any number of jobs).
/// </summary>
public static class UncertaintyRuns
{
    /// <summary>
    /// The ranged, non-derived costs that matter to <paramref name="study"/>: those its first point's first run charges,
    /// and those they are derived from; a scenario without guests (no cost profile) is bad input.
    /// </summary>
    public static IReadOnlyList<RangedCost> CostsOf(Study study, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        var first = study.Run(0, 0);
        if (first.Model.Transport is not { } transport)
            throw new ScenarioException(study.Scenario.SourceFile, 1, 1, "the scenario has no guests, so no cost profile to vary; expected a scenario with a guests: section");
        string? record = StudyRunner.RunOne(first, cancel);
        if (record is null) throw new OperationCanceledException(cancel);
        var costs = RangedCost.Of(transport.Costs, RangedCost.Charged(RunRecord.Read(record).Values));
        if (costs.Count == 0)
            throw new ScenarioException(study.Scenario.SourceFile, 1, 1, $"no cost the scenario's runs charge has a range in profile '{transport.Costs.Name}'; nothing to vary");
        return costs;
    }

    /// <summary>
    /// Runs <paramref name="study"/> under <paramref name="settings"/> with <paramref name="replications"/> per point
    /// into <paramref name="directory"/> on <paramref name="jobs"/> threads; the outcome and the runs regrouped per
    /// setting, or null runs when cancelled before every run was done.
    /// </summary>
    public static (StudyRunOutcome Outcome, SettingRuns? Runs) Run(Study study, IReadOnlyList<CostSetting> settings, int replications, string directory,
        int jobs, CancellationToken cancel = default, Action<StudyProgress>? progress = null, ILoggerFactory? logging = null)
    {
        var derived = CostSettings.Build(study, settings, replications);
        var outcome = StudyRunner.Run(derived, directory, jobs, cancel, progress, logging);
        if (outcome.Incomplete) return (outcome, null);
        var original = study with { Declaration = study.Declaration with { Replications = replications } };
        return (outcome, SettingRuns.From(original, settings, outcome.Records));
    }
}
