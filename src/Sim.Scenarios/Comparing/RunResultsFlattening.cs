using System.Text.Json;
using Sim.Core.Statistics;

namespace Sim.Scenarios.Comparing;

/// <summary>
/// Flattens a run's <c>results.json</c> (format <c>virtiosim-results/1</c>) the way a study does: every numeric value
/// of every metric becomes <c>path.valueName</c>, and every counter also gets <c>path.perSecond</c>, its count over the
/// measured time (<c>simulatedTime - warmup</c>). Each value is a single sample: n = 1, no interval.
/// </summary>
public static class RunResultsFlattening
{
    /// <summary>The flattened values of the run results <paramref name="root"/>, by key in ordinal order.</summary>
    public static IReadOnlyDictionary<string, ComparedValue> Flatten(JsonElement root)
    {
        double measured = root.GetProperty("simulatedTime").GetDouble() - root.GetProperty("warmup").GetDouble();
        var values = new SortedDictionary<string, ComparedValue>(StringComparer.Ordinal);
        foreach (var metric in root.GetProperty("metrics").EnumerateObject())
        {
            bool counter = metric.Value.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == MetricKind.Counter;
            foreach (var value in metric.Value.EnumerateObject())
            {
                if (value.Value.ValueKind != JsonValueKind.Number) continue;
                double number = value.Value.GetDouble();
                values[$"{metric.Name}.{value.Name}"] = new ComparedValue(1, number, null);
                if (counter && value.Name == "count" && measured > 0)
                    values[$"{metric.Name}.perSecond"] = new ComparedValue(1, number / measured, null);
            }
        }
        return values;
    }
}
