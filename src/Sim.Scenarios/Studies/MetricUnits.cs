using Sim.Core.Statistics;
using Sim.Scenarios.Results;

namespace Sim.Scenarios.Studies;

/// <summary>
/// The unit of each flattened metric key of a study (<c>path.value</c>, see <see cref="RunRecord"/>), for axes, tables
/// and the headline: the metric's unit and kind come from the <see cref="MetricCatalog"/> of the study's point
/// models (built only when a key is not found yet), and the value name picks what of it applies:
/// <list type="bullet">
/// <item>counts (<c>count</c> of a counter or histogram, a ledger's <c>NAME.count</c>, a ratio's numerator and
/// denominator) are plain numbers (null), unless the counter counts in a unit (<c>B</c>);</item>
/// <item><c>perSecond</c> is the counter's unit per second ("/s" for plain counts);</item>
/// <item>an integral's <c>rate</c> is its unit per second (<c>W</c> for <c>J</c>);</item>
/// <item>a ledger's times (<c>busy</c>, <c>delay</c>) are seconds;</item>
/// <item>anything else is the metric's unit, null when it has none.</item>
/// </list>
/// A key no catalog knows gets a unit from its name alone: a latency's statistics are seconds, an energy total joules.
/// </summary>
public sealed class MetricUnits
{
    private static readonly string[] LatencyValues = ["mean", "p50", "p90", "p99", "max", "min"];

    private readonly Study _study;
    private readonly Dictionary<string, MetricEntry> _entries = new(StringComparer.Ordinal);
    private int _catalogued;

    /// <summary>The units of <paramref name="study"/>'s metrics.</summary>
    public MetricUnits(Study study) => _study = study;

    /// <summary>The unit of <paramref name="key"/> ("s", "J", "B/s", "/s"); null for a plain number.</summary>
    public string? Of(string key)
    {
        // Metric names hold no '.', value names may (a ledger's NAME.count): the first '.' of the last segment splits them.
        int dot = key.IndexOf('.', key.LastIndexOf('/') + 1);
        if (dot < 0) return null;
        string path = key[..dot], value = key[(dot + 1)..];
        if (Entry(path) is not { } entry) return Guess(path, value);
        string? unit = entry.Unit.Length == 0 ? null : entry.Unit;
        return entry.Kind switch
        {
            _ when value == "perSecond" => (unit ?? "") + "/s",
            MetricKind.Counter or MetricKind.Histogram when value == "count" => unit is null || entry.Kind == MetricKind.Histogram ? null : unit,
            MetricKind.Ratio when value is "numerator" or "denominator" => null,
            MetricKind.Integral when value == "rate" => unit == "J" ? "W" : (unit ?? "") + "/s",
            MetricKind.Ledger => value.EndsWith("count", StringComparison.Ordinal) ? null : "s",
            _ => unit,
        };
    }

    private MetricEntry? Entry(string path)
    {
        while (!_entries.ContainsKey(path) && _catalogued < _study.Points.Count)
        {
            foreach (var entry in MetricCatalog.Of(_study.Points[_catalogued++].Model)) _entries.TryAdd(entry.Path, entry);
        }
        return _entries.GetValueOrDefault(path);
    }

    private static string? Guess(string path, string value)
    {
        string name = path[(path.LastIndexOf('/') + 1)..];
        if (value == "perSecond") return "/s";
        if (name == "latency" && LatencyValues.Contains(value)) return "s";
        if (name == "energy" && value == "total") return "J";
        return null;
    }
}
