using System.Text.Json;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// The items of one run's results (a <c>results.json</c> of <c>sim run</c>, or the results in a sweep's run record): the
/// whole run as one item, or the parts of it a comparison inside the run is about, each the metrics under one path
/// prefix keyed relative to it (<c>kvm-vhost-user/blk0/driver/latency.mean</c> is <c>blk0/driver/latency.mean</c> of
/// the item <c>LABEL#kvm-vhost-user</c>): every part of a <see cref="WithinLevel"/>, or the parts named by selectors.
/// </summary>
public static class RunItems
{
    private const int Listed = 8;

    /// <summary>The whole run <paramref name="results"/> as one item labelled <paramref name="label"/>.</summary>
    public static IReadOnlyList<ComparedItem> Whole(JsonElement results, string label, string source) =>
        [new ComparedItem(label, source, RunResultsFlattening.Flatten(results))];

    /// <summary>
    /// One item per part of <paramref name="results"/> at <paramref name="level"/>, in path order; throws
    /// <see cref="ComparisonInputException"/> when the run has no such part.
    /// </summary>
    public static IReadOnlyList<ComparedItem> Within(JsonElement results, string label, string source, WithinLevel level)
    {
        var values = RunResultsFlattening.Flatten(results);
        var parts = Parts(results, values.Keys, level);
        if (parts.Count == 0)
            throw new ComparisonInputException($"{source}: --within {WithinLevels.Name(level)}: this run has no {WithinLevels.Name(level)} ({Known(results, values.Keys)})");
        return parts.Select(part => Under(values, part, label, source)).ToList();
    }

    /// <summary>
    /// One item per path prefix in <paramref name="selectors"/>, in their order; throws
    /// <see cref="ComparisonInputException"/> naming a selector under which the run has no metric.
    /// </summary>
    public static IReadOnlyList<ComparedItem> Select(JsonElement results, string label, string source, IReadOnlyList<string> selectors)
    {
        var values = RunResultsFlattening.Flatten(results);
        var items = new List<ComparedItem>();
        foreach (string selector in selectors)
        {
            var item = Under(values, selector, label, source);
            if (item.Metrics.Count == 0)
                throw new ComparisonInputException(
                    $"{source}#{selector}: this run has no guest, variant or device '{selector}'; expected a path prefix of its metrics ({Known(results, values.Keys)})");
            items.Add(item);
        }
        return items;
    }

    private static ComparedItem Under(IReadOnlyDictionary<string, ComparedValue> values, string prefix, string label, string source)
    {
        string start = prefix + "/";
        var metrics = new SortedDictionary<string, ComparedValue>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
            if (key.StartsWith(start, StringComparison.Ordinal)) metrics[key[start.Length..]] = value;
        return new ComparedItem($"{label}#{prefix}", source, metrics);
    }

    private static IReadOnlyList<string> Parts(JsonElement results, IEnumerable<string> keys, WithinLevel level) => level switch
    {
        WithinLevel.Variants => keys.Where(k => k.Contains('/')).Select(k => k[..k.IndexOf('/')]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        WithinLevel.Devices => Devices(results),
        _ => Devices(results).Where(d => d.Contains('/')).Select(d => d[..d.LastIndexOf('/')]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
    };

    private static List<string> Devices(JsonElement results) =>
        results.TryGetProperty("devices", out var devices) && devices.ValueKind == JsonValueKind.Object
            ? devices.EnumerateObject().Select(d => d.Name).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>What the run has, for a message: its variants and its devices (the first few of each).</summary>
    private static string Known(JsonElement results, IEnumerable<string> keys)
    {
        static string List(IReadOnlyList<string> names) =>
            names.Count == 0 ? "none" : string.Join(", ", names.Take(Listed)) + (names.Count > Listed ? $", ... ({names.Count} in all)" : "");
        return $"its variants: {List(Parts(results, keys, WithinLevel.Variants))}; its devices: {List(Devices(results))}";
    }
}
