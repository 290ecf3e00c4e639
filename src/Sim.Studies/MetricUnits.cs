using Sim.Core.Statistics;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The unit of each flattened metric key of a study (<c>path.value</c>, see <see cref="RunRecord"/>), for axes, tables
/// and the headline. First the unit the study's run records carry (<see cref="StudySummary.Units"/>, from each run's
/// results); for a key no record carries (records written before units were recorded), the metric's kind and unit from
/// the <see cref="MetricCatalog"/> of the study's point models (built only when needed); both turned into the value's
/// unit by the one rule set, <see cref="ValueUnits.Of"/>. A key neither knows gets a unit from its name alone: a
/// latency's statistics are seconds, an energy total joules, a per-second value "/s".
/// </summary>
public sealed class MetricUnits
{
    private static readonly string[] LatencyValues = ["mean", "p50", "p90", "p99", "max", "min"];

    private readonly Study _study;
    private readonly IReadOnlyDictionary<string, string> _carried;
    private readonly Dictionary<string, MetricEntry> _entries = new(StringComparer.Ordinal);
    private int _catalogued;

    /// <summary>The units of <paramref name="summary"/>'s metrics.</summary>
    public MetricUnits(StudySummary summary)
    {
        _study = summary.Study;
        _carried = summary.Units;
    }

    /// <summary>The unit of <paramref name="key"/> ("s", "J", "B/s", "/s"); null for a plain number.</summary>
    public string? Of(string key)
    {
        if (_carried.TryGetValue(key, out string? carried)) return carried.Length == 0 ? null : carried;
        // Metric names hold no '.', value names may (a ledger's NAME.count): the first '.' of the last segment splits them.
        int dot = key.IndexOf('.', key.LastIndexOf('/') + 1);
        if (dot < 0) return null;
        string path = key[..dot], value = key[(dot + 1)..];
        if (Entry(path) is not { } entry) return Guess(path, value);
        string unit = ValueUnits.Of(entry.Kind, entry.Unit, value);
        return unit.Length == 0 ? null : unit;
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
