using Sim.Scenarios.Profiles;
using Sim.Worlds.Results;

namespace Sim.Cli.Output;

/// <summary>
/// <c>sim costs --json</c>: the profile as canonical JSON (<see cref="CanonicalJsonWriter"/>), for scripts and diffs.
/// <code>
/// { "name", "description", "cpuFrequency" (Hz or null), "defaultTransport" (or null),
///   "entries": [ { "name", "kind" (source | derived | fitted | estimate),
///                  "value", "unit" (seconds | bytesPerSecond),
///                  "range": { "low", "high" (in the value's unit), "distribution" (uniform | log-uniform) } or null,
///                  "text" (citation, formula, experiment or reasoning), "note" (or null),
///                  "formula" (derived entries; else null) } ... ] }
/// </code>
/// Entries are sorted by name (ordinal); a derived entry's value is the one computed from its formula.
/// </summary>
internal static class CostsJson
{
    /// <summary>The JSON text of <paramref name="profile"/>, only the entries of kind <paramref name="only"/> when given.</summary>
    public static string Write(CostProfileView profile, string? only)
    {
        var entries = profile.Entries
            .Where(e => only is null || e.Kind == only)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(Entry)
            .ToList();
        return CanonicalJsonWriter.Write(new Dictionary<string, object?>
        {
            ["name"] = profile.Name,
            ["description"] = profile.Description,
            ["cpuFrequency"] = profile.CpuHertz,
            ["defaultTransport"] = profile.DefaultTransport,
            ["entries"] = entries,
        });
    }

    private static Dictionary<string, object?> Entry(CostEntryView entry)
    {
        return new Dictionary<string, object?>
        {
            ["name"] = entry.Name,
            ["kind"] = entry.Kind,
            ["value"] = entry.BytesPerSecond ?? entry.Seconds,
            ["unit"] = entry.IsBandwidth ? "bytesPerSecond" : "seconds",
            ["range"] = entry.Range is { } range
                ? new Dictionary<string, object?>
                {
                    ["low"] = range.Low,
                    ["high"] = range.High,
                    ["distribution"] = range.Distribution,
                }
                : null,
            ["text"] = entry.Text,
            ["note"] = entry.Note,
            ["formula"] = entry.Formula,
        };
    }
}
