using System.Text;
using System.Text.RegularExpressions;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// Chooses the metric values a study's tables, plots, warnings and comparisons are about, by pattern over the
/// flattened keys (<c>path.value</c>): <c>*</c> matches within one path segment, <c>**</c> across segments (<c>**/</c>
/// also none), anything
/// else literally. Without patterns, the defaults: each virtio driver's throughput (<c>requests.perSecond</c>) and
/// latency (<c>latency.mean</c>, <c>latency.p99</c>), each interconnect variant's bus energy and display deadline misses.
/// </summary>
public sealed class MetricSelection
{
    /// <summary>The patterns used when a study names none.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "**/driver/requests.perSecond", "**/driver/latency.mean", "**/driver/latency.p99",
        "**/bus/energy.total", "**/deadlineMisses.count",
    ];

    private readonly List<(string Pattern, Regex Regex)> _patterns;

    /// <summary>A selection of <paramref name="patterns"/>, or of <see cref="Defaults"/> when there are none.</summary>
    public MetricSelection(IReadOnlyList<string> patterns)
    {
        _patterns = (patterns.Count == 0 ? Defaults : patterns).Select(p => (p, ToRegex(p))).ToList();
    }

    /// <summary>The selected keys among <paramref name="keys"/>: pattern by pattern, each pattern's matches in key order.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> keys)
    {
        var all = keys.ToList();
        var chosen = new List<string>();
        foreach (var (_, regex) in _patterns)
            foreach (string key in all.Where(k => regex.IsMatch(k) && !chosen.Contains(k)))
                chosen.Add(key);
        return chosen;
    }

    /// <summary>The patterns that match none of <paramref name="keys"/> (worth a warning: probably a typo).</summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<string> keys)
    {
        var all = keys.ToList();
        return _patterns.Where(p => !all.Any(k => p.Regex.IsMatch(k))).Select(p => p.Pattern).ToList();
    }

    private static Regex ToRegex(string pattern)
    {
        var text = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" may stand for no segment at all: "**/driver/x" matches "driver/x", as keys inside a run's device are.
                bool segments = i + 2 < pattern.Length && pattern[i + 2] == '/';
                text.Append(segments ? "(.*/)?" : ".*");
                i += segments ? 2 : 1;
            }
            else if (pattern[i] == '*') text.Append("[^/]*");
            else text.Append(Regex.Escape(pattern[i].ToString()));
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
