using Sim.Core.Running;

namespace Sim.Worlds.Results;

/// <summary>
/// The <c>results.json</c> document of a run (format <c>virtiosim-results/1</c>): scenario, seed, simulatedTime,
/// duration and warmup (seconds), events, partial and stopReason, metrics keyed by path (each with its kind, unit and
/// summary values; times in seconds), devices keyed by path (where each device's time went per request:
/// <see cref="DeviceCosts"/>), and findings. No wall-clock time appears in it: same run, same bytes.
/// </summary>
public static class ResultsJson
{
    /// <summary>The format tag written into every results file.</summary>
    public const string Format = "virtiosim-results/1";

    /// <summary>The canonical JSON text of <paramref name="results"/>.</summary>
    public static string Write(RunResults results) => CanonicalJsonWriter.Write(ToTree(results));

    /// <summary>The results as a tree of plain values (see <see cref="CanonicalJsonWriter"/>).</summary>
    public static Dictionary<string, object?> ToTree(RunResults results)
    {
        var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, summary) in results.Metrics)
        {
            var entry = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["kind"] = summary.Kind,
                ["unit"] = summary.Unit,
            };
            foreach (var (name, value) in summary.Values) entry[name] = value;
            metrics[path] = entry;
        }
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["scenario"] = results.Scenario,
            ["seed"] = results.Seed,
            ["duration"] = results.Duration.TotalSeconds,
            ["warmup"] = results.Warmup.TotalSeconds,
            ["simulatedTime"] = results.Outcome.SimulatedTime.TotalSeconds,
            ["events"] = results.Outcome.Events,
            ["partial"] = results.Outcome.IsPartial,
            ["stopReason"] = StopReasonName(results.Outcome.Reason),
            ["metrics"] = metrics,
            ["devices"] = DeviceCosts.From(results).ToDictionary(d => d.Device, d => (object?)d.ToTree(), StringComparer.Ordinal),
            ["findings"] = results.Findings.Select(FindingTree).ToList(),
        };
        // Only a run with command-line values has the key, so every other run's results stay the same bytes.
        if (results.Overrides is { Count: > 0 } overrides)
            tree["overrides"] = overrides.Select(o => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = o.Key, ["value"] = o.Value }).ToList();
        return tree;
    }

    /// <summary>The stable, kebab-case name of a stop reason as written in results.</summary>
    public static string StopReasonName(StopReason reason) => reason switch
    {
        StopReason.EndReached => "end-reached",
        StopReason.NoMoreEvents => "no-more-events",
        StopReason.EventBudget => "event-budget",
        StopReason.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static Dictionary<string, object?> FindingTree(Finding finding) => new(StringComparer.Ordinal)
    {
        ["time"] = finding.Time.TotalSeconds,
        ["actor"] = finding.Actor,
        ["rule"] = finding.Rule,
        ["detail"] = finding.Detail,
        ["reference"] = finding.Reference,
    };
}
