using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Worlds.Results;

/// <summary>The plain results of one run: what was run, how it ended, every metric's summary and every finding.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Duration">The simulated duration asked for.</param>
/// <param name="Warmup">The warm-up whose statistics were discarded.</param>
/// <param name="Outcome">How the run ended (partial or not).</param>
/// <param name="Metrics">Metric summaries, ordered by path.</param>
/// <param name="Findings">Findings in deterministic order.</param>
/// <param name="Series">Time series the models recorded (for CSV); null or empty when none.</param>
/// <param name="Distributions">The quantiles of every non-empty latency histogram, for CDF plots; null when not gathered.</param>
public sealed record RunResults(
    string Scenario,
    ulong Seed,
    SimTime Duration,
    SimTime Warmup,
    RunOutcome Outcome,
    IReadOnlyList<KeyValuePair<string, MetricSummary>> Metrics,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<TimeSeries>? Series = null,
    IReadOnlyList<LatencyQuantiles>? Distributions = null)
{
    /// <summary>Values set on the command line for this run (<c>--set</c>), in order; null when none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Overrides { get; init; }
}
