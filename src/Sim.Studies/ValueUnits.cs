using System.Text.Json;
using Sim.Core.Statistics;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The unit of each flattened metric value (<c>path.value</c>, see <see cref="RunRecord.Flatten"/>). A run's results
/// record one unit per metric (<c>"unit"</c>: the unit of its time or quantity values); which of a metric's values
/// carry it, and which are counts, follows from the metric's kind and the value's name: a histogram's <c>count</c> is a
/// count and its <c>mean</c> is in the metric's unit; a counter's <c>perSecond</c> is its unit per second; a ledger's
/// <c>busy</c> and <c>delay</c> are times; <c>bytes…</c> values are bytes. "" means a plain number (a count, a ratio).
/// </summary>
public static class ValueUnits
{
    /// <summary>The unit of the value <paramref name="name"/> of a metric of <paramref name="kind"/> measured in <paramref name="unit"/>.</summary>
    public static string Of(string kind, string unit, string name)
    {
        string last = name[(name.LastIndexOf('.') + 1)..];
        if (last == "perSecond") return PerSecond(unit);
        // A counter counts its unit (bytes); every other count (a histogram's samples, a ledger's charges) is a plain number.
        if (kind == MetricKind.Counter && last == "count") return Counted(unit);
        if (last is "count" or "numerator" or "denominator" or "n") return "";
        if (name.StartsWith("bytes", StringComparison.Ordinal)) return "B";
        if (name.EndsWith("PageSeconds", StringComparison.Ordinal) || name == "pageSeconds") return "page·s";
        if (name.EndsWith("Seconds", StringComparison.Ordinal)) return "s";
        return kind switch
        {
            MetricKind.Integral when last == "rate" => PerSecond(unit),
            MetricKind.Ledger => last is "busy" or "delay" ? "s" : "",
            _ => Counted(unit),
        };
    }

    /// <summary>Pages, requests and the like are counted, not measured: a plain number reads better than "65.5 kpages".</summary>
    private static string Counted(string unit) => unit is "pages" or "requests" ? "" : unit;

    /// <summary>
    /// The unit of every value of the run results tree <paramref name="results"/> (<c>results.json</c>, format
    /// <c>virtiosim-results/1</c>), by the same keys <see cref="RunRecord.Flatten"/> gives (every counter's
    /// <c>perSecond</c> included).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Flatten(JsonElement results)
    {
        var units = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in results.GetProperty("metrics").EnumerateObject())
        {
            string kind = Text(metric.Value, "kind"), unit = Text(metric.Value, "unit");
            foreach (var value in metric.Value.EnumerateObject())
            {
                if (value.Value.ValueKind != JsonValueKind.Number) continue;
                units[$"{metric.Name}.{value.Name}"] = Of(kind, unit, value.Name);
                if (kind == MetricKind.Counter && value.Name == "count") units[$"{metric.Name}.perSecond"] = Of(kind, unit, "perSecond");
            }
        }
        return units;
    }

    private static string PerSecond(string unit) => unit switch
    {
        "J" => "W",
        "" or "pages" or "requests" => "/s",
        _ => unit + "/s",
    };

    private static string Text(JsonElement metric, string name) =>
        metric.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
