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
    /// The ranged, non-derived costs that matter to <paramref name="study"/>: those the first run of any of its points
    /// charges (a cost may be charged at some points only: remote TLB flushes need more than one backend vCPU), and
    /// those they are derived from; a scenario without guests (no cost profile) is bad input.
    /// </summary>
    public static IReadOnlyList<RangedCost> CostsOf(Study study, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Points[0].Model.Transport is not { } transport)
            throw new ScenarioException(study.Scenario.SourceFile, 1, 1, "the scenario has no guests, so no cost profile to vary; expected a scenario with a guests: section");
        var charged = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var point in study.Points)
        {
            string? record = StudyRunner.RunOne(study.Run(point.Index, 0), cancel);
            if (record is null) throw new OperationCanceledException(cancel);
            charged.UnionWith(RangedCost.Charged(RunRecord.Read(record).Values));
        }
        var costs = RangedCost.Of(transport.Costs, charged);
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
        int jobs, CancellationToken cancel = default, Action<StudyProgress>? progress = null, ILoggerFactory? logging = null) =>
        Run(study, settings, replications, derived => StudyRunner.Run(derived, directory, jobs, cancel, progress, logging));

    /// <summary>
    /// As <see cref="Run(Study, IReadOnlyList{CostSetting}, int, string, int, CancellationToken, Action{StudyProgress}?, ILoggerFactory?)"/>,
    /// with the settings study run by <paramref name="runner"/>: <see cref="StudyRunner"/>, or a cluster's coordinator
    /// (the settings study is a scenario document like any other, so a worker reads it from its text).
    /// </summary>
    public static (StudyRunOutcome Outcome, SettingRuns? Runs) Run(Study study, IReadOnlyList<CostSetting> settings, int replications, Func<Study, StudyRunOutcome> runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var derived = CostSettings.Build(study, settings, replications);
        var outcome = runner(derived);
        if (outcome.Incomplete) return (outcome, null);
        var original = study with { Declaration = study.Declaration with { Replications = replications } };
        return (outcome, SettingRuns.From(original, settings, outcome.Records));
    }
}
