using System.Globalization;
using System.Reflection;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads cost profiles: the built-in ones (the repository's <c>profiles/*.yaml</c>, embedded in this assembly) by name, or
/// a profile file by path. A profile file:
/// <code>
/// name: kvm-x86
/// description: ...
/// cpuFrequency: 3GHz              # converts "N cycles" values
/// costs:
///   kvm.exit.mmioIoeventfd: { value: 3609 cycles, source: "QEMU pci-testdev commit (Tsirkin)" }
///   backend.copy: { value: 97GB/s, source: "..." }   # a bandwidth: kB/s, MB/s, GB/s, TB/s (decimal) or B/s
///   backend.popChain: { value: 200ns, source: "estimate: ..." }
/// </code>
/// Every entry needs a non-empty source. Errors are <see cref="ScenarioException"/>s located in the profile file.
/// </summary>
public static class CostProfileLoader
{
    /// <summary>The names of the built-in profiles.</summary>
    public static IReadOnlyList<string> BuiltInNames =>
        typeof(CostProfileLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("costs.", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n["costs.".Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The built-in profile <paramref name="name"/>, or null if there is none.</summary>
    public static CostProfile? LoadBuiltIn(string name)
    {
        using var stream = typeof(CostProfileLoader).Assembly.GetManifestResourceStream($"costs.{name}.yaml");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return LoadText(reader.ReadToEnd(), $"profiles/{name}.yaml");
    }

    /// <summary>Reads the profile in <paramref name="yaml"/>, named <paramref name="fileName"/> in errors.</summary>
    public static CostProfile LoadText(string yaml, string fileName)
    {
        NodeReader document = YamlSource.Parse(yaml, fileName)
            ?? throw new ScenarioException(fileName, 1, 1, "the cost profile is empty; expected name, cpuFrequency and costs");
        MappingReader root = document.AsMapping();
        string name = root.RequiredString("name");
        string description = root.OptionalString("description") ?? "";
        double? hertz = root.Optional("cpuFrequency") is { } f ? ParseFrequency(f) : null;
        var entries = new List<CostEntry>();
        foreach (var (key, _, value) in root.Mapping("costs").FreeEntries()) entries.Add(ReadEntry(key, value, hertz));
        root.Done();
        return new CostProfile(name, description, entries);
    }

    /// <summary>Reads one <c>{ value, source }</c> entry (also used for scenario overrides).</summary>
    internal static CostEntry ReadEntry(string name, NodeReader node, double? hertz)
    {
        MappingReader entry = node.AsMapping();
        NodeReader valueNode = entry.Required("value");
        string source = entry.RequiredString("source");
        if (string.IsNullOrWhiteSpace(source)) throw entry.FailAt("source", $"cost '{name}' needs a source: a citation, or 'estimate: why'");
        entry.Done();
        string text = valueNode.AsString().Trim();
        if (text.EndsWith("cycles", StringComparison.Ordinal))
        {
            if (hertz is null) throw valueNode.Fail($"cost '{name}' is given in cycles but the profile has no cpuFrequency");
            if (!double.TryParse(text[..^"cycles".Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double cycles) || cycles < 0)
                throw valueNode.Fail($"'{text}' is not a cycle count; expected e.g. '3609 cycles'");
            return new CostEntry(name, SimTime.FromSeconds(cycles / hertz.Value), null, source);
        }
        if (text.EndsWith("B/s", StringComparison.Ordinal))
            return new CostEntry(name, SimTime.Zero, ParseBandwidth(text, valueNode), source);
        if (!SimTime.TryParse(text, out SimTime time, out string error) || time < SimTime.Zero)
            throw valueNode.Fail($"cost '{name}': {error}; or a cycle count ('3609 cycles') or a bandwidth ('13GB/s')");
        return new CostEntry(name, time, null, source);
    }

    private static double ParseFrequency(NodeReader node)
    {
        string text = node.AsString().Trim();
        (string Suffix, double Scale)[] units = [("GHz", 1e9), ("MHz", 1e6), ("kHz", 1e3), ("Hz", 1)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && value > 0)
            {
                return value * scale;
            }
        }
        throw node.Fail($"'{text}' is not a frequency; expected e.g. 3GHz, 2400MHz");
    }

    private static double ParseBandwidth(string text, NodeReader node) =>
        UnitReader.TryBandwidth(text, out double value) ? value : throw node.Fail($"'{text}' is not a bandwidth; expected e.g. 13GB/s, 800MB/s");
}
