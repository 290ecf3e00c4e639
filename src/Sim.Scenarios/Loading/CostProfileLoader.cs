using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads cost profiles: the built-in ones (the repository's <c>profiles/*.yaml</c>, embedded in this assembly) by name, or
/// a profile file by path. A profile file:
/// <code>
/// name: kvm-x86
/// description: ...
/// extends: x86-server             # optional: start from another built-in profile, then add or replace entries
/// cpuFrequency: 3GHz              # converts "N cycles" values (the extended profile's too: its cycle counts are read at this clock)
/// defaultTransport: pci           # optional: pci | mmio, for devices whose scenario names none
/// costs:
///   kvm.exit.fastMmio: { value: 1762 cycles, source: "QEMU pci-testdev commit (Tsirkin, 2013): 1,762 cycles ..." }
///   cpu.memcpy: { value: 97GB/s, source: "..." }      # a bandwidth: kB/s, MB/s, GB/s, TB/s (decimal) or B/s
///   xen.irq.toGuest: { derived: "xen.evtchn.backendToGuest - xen.hypercall", note: "why the formula holds" }
///   net.host.nic.latency: { value: 20us, fitted: "str68-host-to-vm-latency: the no-VM row's mean" }
///   backend.popChain: { value: 200ns, estimate: "why this value", range: [100ns, 400ns], distribution: log-uniform }
///   kvm.exit.fastMmio: { derived: "kvm.exit.pioIoeventfd", note: "why the formula holds" }   # note: optional, any kind
/// </code>
/// Every entry declares exactly one provenance (<see cref="ProvenanceKind"/>): <c>source</c>, <c>derived</c> (no
/// <c>value</c>: computed from the formula), <c>fitted</c> or <c>estimate</c> (which needs a <c>range</c>). Wording that
/// chooses a value for the ordering it produces is refused. Errors are <see cref="ScenarioException"/>s located in the
/// profile file.
/// </summary>
public static class CostProfileLoader
{
    private static readonly string[] ProvenanceKeys = ["source", "derived", "fitted", "estimate"];

    /// <summary>The keys of one cost entry (of a profile, or of a scenario's <c>costOverrides</c>), for the schema.</summary>
    internal static MappingShape EntryShape => new("a cost entry",
    [
        KeyShape.May("value", new QuantityShape(QuantityPattern.CostValue), "A time (5us), a cycle count (1762 cycles) or a bandwidth (13GB/s); a derived entry has none."),
        KeyShape.May("source", new TextShape(), "Provenance: the publication or measurement, the figure and its conditions."),
        KeyShape.May("derived", new TextShape(), "Provenance: a formula over other entries, e.g. 'xen.hypercall + 2 * xen.evtchn.toGuest'."),
        KeyShape.May("fitted", new TextShape(), "Provenance: the calibration experiment (validation/NAME) and what was fitted to it."),
        KeyShape.May("estimate", new TextShape(), "Provenance: the reasoning behind the value and its range (needs range)."),
        KeyShape.May("range", new ListShape(new QuantityShape(QuantityPattern.CostValue), MinItems: 2, MaxItems: 2), "[low, high] around the value, in its unit."),
        KeyShape.May("distribution", new EnumShape(["uniform", "log-uniform"]), "How the range is sampled (default uniform)."),
        KeyShape.May("note", new TextShape(), "Why the entry holds (any provenance)."),
    ])
    {
        ExactlyOne = [ProvenanceKeys],
    };
    private static readonly Regex ChosenForAnOrdering = new(@"\b(set|chosen|tuned|picked)\s+so\s+(that|as)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

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
        string? text = BuiltInText(name);
        return text is null ? null : LoadText(text, $"profiles/{name}.yaml");
    }

    /// <summary>Reads the profile in <paramref name="yaml"/>, named <paramref name="fileName"/> in errors.</summary>
    public static CostProfile LoadText(string yaml, string fileName) => Read(yaml, fileName, []).Profile;

    /// <summary>
    /// Reads one entry of a profile or of a scenario's <c>costOverrides</c>: a value (or a formula) and exactly one
    /// provenance, with its range. A derived entry's value is computed when the profile is built.
    /// </summary>
    internal static CostEntry ReadEntry(string name, NodeReader node, double? hertz)
    {
        MappingReader entry = node.AsMapping().Declare(EntryShape);
        var (kindKey, textNode) = entry.OneOfKeys(ProvenanceKeys);
        var kind = kindKey switch
        {
            "source" => ProvenanceKind.Source,
            "derived" => ProvenanceKind.Derived,
            "fitted" => ProvenanceKind.Fitted,
            _ => ProvenanceKind.Estimate,
        };
        string text = textNode.AsString().Trim();
        if (text.Length == 0)
            throw textNode.Fail($"cost '{name}': '{kindKey}' is empty; {Expected(kind)}");
        if (kind != ProvenanceKind.Derived && ChosenForAnOrdering.Match(text) is { Success: true } chosen)
        {
            throw textNode.Fail($"cost '{name}': '{chosen.Value}': a cost rests on a measurement, a formula, a named calibration fit or a " +
                "ranged estimate, never on the ordering it should produce");
        }
        NodeReader? valueNode = entry.Optional("value");
        NodeReader? rangeNode = entry.Optional("range");
        NodeReader? distributionNode = entry.Optional("distribution");
        string? note = entry.OptionalString("note");
        entry.Done();

        CostFormula? formula = null;
        CostEntry value;
        if (kind == ProvenanceKind.Derived)
        {
            if (valueNode is not null) throw valueNode.Fail($"cost '{name}' is derived: its value comes from the formula, so it has no 'value'");
            try
            {
                formula = CostFormula.Parse(text);
            }
            catch (CostFormulaException error)
            {
                throw textNode.Fail($"cost '{name}': the formula {error.Message}");
            }
            value = new CostEntry(name, SimTime.Zero, null, text);
        }
        else
        {
            if (valueNode is null) throw entry.Self.Fail($"cost '{name}' needs a 'value' (a time, cycles or a bandwidth); only a derived cost has none");
            value = ReadValue(name, valueNode, hertz, text);
        }

        CostRange? range = null;
        if (rangeNode is not null) range = ReadRange(name, rangeNode, value, hertz, distributionNode, formula is not null);
        else if (distributionNode is not null) throw distributionNode.Fail($"cost '{name}': a 'distribution' needs a 'range'");
        if (kind == ProvenanceKind.Estimate && range is null)
            throw entry.Self.Fail($"cost '{name}' is an estimate: it needs a 'range: [low, high]' around its value, with the reasoning for both ends");
        return value with { Provenance = new CostProvenance(kind, text, range, note), Formula = formula };
    }

    private static (CostProfile Profile, IReadOnlyDictionary<string, NodeReader> Nodes) Read(string yaml, string fileName, IReadOnlyList<string> extending)
    {
        NodeReader document = YamlSource.Parse(yaml, fileName)
            ?? throw new ScenarioException(fileName, 1, 1, "the cost profile is empty; expected name, cpuFrequency and costs");
        MappingReader root = document.AsMapping();
        string name = root.RequiredString("name");
        string description = root.OptionalString("description") ?? "";
        CostProfile? parent = null;
        if (root.Optional("extends") is { } extendsNode)
        {
            string parentName = extendsNode.AsString();
            if (extending.Contains(parentName) || parentName == name)
                throw extendsNode.Fail($"profile '{name}' extends '{parentName}', which extends it in turn: {string.Join(" -> ", extending.Append(name).Append(parentName))}");
            string parentText = BuiltInText(parentName)
                ?? throw extendsNode.Fail($"no built-in profile '{parentName}' to extend; expected one of: {string.Join(", ", BuiltInNames)}");
            parent = Read(parentText, $"profiles/{parentName}.yaml", [.. extending, name]).Profile;
        }
        double? hertz = root.Optional("cpuFrequency") is { } f ? ParseFrequency(f) : parent?.CpuHertz;
        if (parent is not null && hertz is { } clock && parent.CpuHertz != clock) parent = parent.AtFrequency(clock);
        string? transport = root.Optional("defaultTransport") is { } t ? ReadTransport(t) : parent?.DefaultTransport;
        var entries = new List<CostEntry>();
        var nodes = new Dictionary<string, NodeReader>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in root.Mapping("costs").FreeEntries())
        {
            entries.Add(ReadEntry(key, value, hertz));
            nodes[key] = keyNode;
        }
        root.Done();
        try
        {
            var merged = (parent?.Entries ?? []).Where(e => !nodes.ContainsKey(e.Name)).Concat(entries);
            return (new CostProfile(name, description, merged, hertz, transport), nodes);
        }
        catch (CostProfileException error)
        {
            throw (nodes.TryGetValue(error.Entry, out var at) ? at : root.Self).Fail(error.Message);
        }
    }

    private static string? BuiltInText(string name)
    {
        using var stream = typeof(CostProfileLoader).Assembly.GetManifestResourceStream($"costs.{name}.yaml");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string ReadTransport(NodeReader node)
    {
        string text = node.AsString();
        return text is "pci" or "mmio" ? text : throw node.Unexpected("a transport: pci or mmio");
    }

    private static string Expected(ProvenanceKind kind) => kind switch
    {
        ProvenanceKind.Source => "expected the publication or measurement, the figure and its conditions",
        ProvenanceKind.Derived => "expected a formula over other entries, e.g. 'xen.hypercall + 2 * xen.evtchn.toGuest'",
        ProvenanceKind.Fitted => "expected the calibration experiment (validation/NAME) and what was fitted to it",
        _ => "expected the reasoning behind the value and its range",
    };

    private static CostEntry ReadValue(string name, NodeReader valueNode, double? hertz, string text)
    {
        string value = valueNode.AsString().Trim();
        if (value.EndsWith("B/s", StringComparison.Ordinal))
            return new CostEntry(name, SimTime.Zero, ParseBandwidth(value, valueNode), text);
        var entry = new CostEntry(name, ParseTime(name, value, valueNode, hertz), null, text);
        return value.EndsWith("cycles", StringComparison.Ordinal)
            ? entry with { Cycles = double.Parse(value[..^"cycles".Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture) }
            : entry;
    }

    private static SimTime ParseTime(string name, string text, NodeReader node, double? hertz)
    {
        if (text.EndsWith("cycles", StringComparison.Ordinal))
        {
            if (hertz is null) throw node.Fail($"cost '{name}' is given in cycles but the profile has no cpuFrequency");
            if (!double.TryParse(text[..^"cycles".Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double cycles) || cycles < 0)
                throw node.Fail($"'{text}' is not a cycle count; expected e.g. '3609 cycles'");
            return SimTime.FromSeconds(cycles / hertz.Value);
        }
        if (!SimTime.TryParse(text, out SimTime time, out string error) || time < SimTime.Zero)
            throw node.Fail($"cost '{name}': {error}; or a cycle count ('3609 cycles') or a bandwidth ('13GB/s')");
        return time;
    }

    private static CostRange ReadRange(string name, NodeReader rangeNode, CostEntry value, double? hertz, NodeReader? distributionNode, bool derived)
    {
        var items = rangeNode.AsSequence().Items;
        if (items.Count != 2) throw rangeNode.Fail($"cost '{name}': a range is [low, high], found {items.Count} value(s)");
        double Read(NodeReader item)
        {
            string text = item.AsString().Trim();
            bool rate = text.EndsWith("B/s", StringComparison.Ordinal);
            if (!derived && rate != value.IsBandwidth)
                throw item.Fail($"cost '{name}': the range must be in the value's unit ({(value.IsBandwidth ? "a bandwidth" : "a time or cycles")}), found '{text}'");
            return rate ? ParseBandwidth(text, item) : ParseTime(name, text, item, hertz).TotalSeconds;
        }
        double low = Read(items[0]), high = Read(items[1]);
        if (low > high) throw rangeNode.Fail($"cost '{name}': the range's low end is above its high end");
        double own = value.IsBandwidth ? value.BytesPerSecond!.Value : value.PerOperation.TotalSeconds;
        if (!derived && (own < low * (1 - 1e-9) || own > high * (1 + 1e-9)))
            throw rangeNode.Fail($"cost '{name}': the value lies outside its range");
        var distribution = RangeDistribution.Uniform;
        if (distributionNode is not null)
        {
            distribution = distributionNode.AsString() switch
            {
                "uniform" => RangeDistribution.Uniform,
                "log-uniform" => RangeDistribution.LogUniform,
                _ => throw distributionNode.Unexpected("a distribution: uniform or log-uniform"),
            };
            if (distribution == RangeDistribution.LogUniform && low <= 0)
                throw distributionNode.Fail($"cost '{name}': a log-uniform range needs a low end above zero");
        }
        return new CostRange(low, high, distribution);
    }

    private static double ParseFrequency(NodeReader node)
    {
        string text = node.AsString().Trim();
        return UnitReader.Hertz(text) ?? throw node.Fail($"'{text}' is not a frequency; expected e.g. 3GHz, 2400MHz");
    }

    private static double ParseBandwidth(string text, NodeReader node) =>
        UnitReader.TryBandwidth(text, out double value) ? value : throw node.Fail($"'{text}' is not a bandwidth; expected e.g. 13GB/s, 800MB/s");
}
