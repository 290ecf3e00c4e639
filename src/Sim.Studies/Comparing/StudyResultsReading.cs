using System.Globalization;
using System.Text.Json;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// Reads the points of a study's <c>results.json</c> (format <c>virtiosim-study/1</c>) as compared items: one per
/// point, labelled <c>NAME#index (label)</c>, with each flattened metric's n, mean, half-width (null when n = 1) and unit
/// (null in results written before units were recorded).
/// </summary>
public static class StudyResultsReading
{
    /// <summary>
    /// The items of the study <paramref name="root"/> named <paramref name="name"/>, read from <paramref name="source"/>;
    /// only the points in <paramref name="points"/> when given (each must exist).
    /// </summary>
    public static IReadOnlyList<ComparedItem> Items(JsonElement root, string name, string source, IReadOnlyCollection<int>? points)
    {
        var items = new List<ComparedItem>();
        var found = new HashSet<int>();
        foreach (var point in root.GetProperty("points").EnumerateArray())
        {
            int index = point.GetProperty("index").GetInt32();
            if (points is not null && !points.Contains(index)) continue;
            found.Add(index);
            string label = point.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() ?? "" : "";
            var metrics = new SortedDictionary<string, ComparedValue>(StringComparer.Ordinal);
            foreach (var metric in point.GetProperty("metrics").EnumerateObject())
            {
                var m = metric.Value;
                var halfWidth = m.TryGetProperty("halfWidth", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetDouble() : (double?)null;
                string? unit = m.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                metrics[metric.Name] = new ComparedValue(m.GetProperty("n").GetInt32(), m.GetProperty("mean").GetDouble(), halfWidth, unit);
            }
            string text = label.Length == 0 ? $"{name}#{index}" : $"{name}#{index} ({label})";
            items.Add(new ComparedItem(text, source, metrics));
        }
        var absent = points?.Where(p => !found.Contains(p)).Order().ToList() ?? [];
        if (absent.Count > 0)
            throw new ComparisonInputException(
                $"{source}: the study has no point {absent[0].ToString(CultureInfo.InvariantCulture)} (its points: {string.Join(", ", AllIndices(root))})");
        return items;
    }

    private static IEnumerable<int> AllIndices(JsonElement root) =>
        root.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("index").GetInt32());
}
