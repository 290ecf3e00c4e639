using System.Text.Json;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// Flattens a run's <c>results.json</c> (format <c>virtiosim-results/1</c>) the way a study does: every numeric value
/// of every metric becomes <c>path.valueName</c>, and every counter also gets <c>path.perSecond</c>, its count over the
/// measured time (<c>simulatedTime - warmup</c>). Each value is a single sample: n = 1, no interval; each carries its unit
/// (<see cref="Studies.ValueUnits"/>).
/// </summary>
public static class RunResultsFlattening
{
    /// <summary>The flattened values of the run results <paramref name="root"/>, by key in ordinal order.</summary>
    public static IReadOnlyDictionary<string, ComparedValue> Flatten(JsonElement root)
    {
        var values = new SortedDictionary<string, ComparedValue>(StringComparer.Ordinal);
        var units = Studies.ValueUnits.Flatten(root);
        foreach (var (key, value) in Studies.RunRecord.Flatten(root)) values[key] = new ComparedValue(1, value, null, units.GetValueOrDefault(key));
        return values;
    }
}
