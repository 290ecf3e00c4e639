using Sim.Core.Time;
using Sim.Scenarios.Loading;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Yaml;

/// <summary>
/// Reads a YAML mapping key by key. Every key asked for, present or not, becomes a valid key; <see cref="Done"/> then
/// rejects the first key of the file that nobody asked for, suggesting the nearest valid one. A section reader asks
/// for its keys, checks their values, and calls <see cref="Done"/>.
/// <para>
/// An optional key with an empty value (<c>warmup:</c>) counts as absent. A missing required key whose likely
/// misspelling is present (<c>durration</c> for <c>duration</c>) is reported as that unknown key, at its place.
/// </para>
/// </summary>
public sealed class MappingReader
{
    /// <summary>One entry in file order; <see cref="Name"/> is null for a key that is not a scalar.</summary>
    private sealed record Entry(string? Name, NodeReader Key, NodeReader Value);

    private readonly List<Entry> _entries = [];
    private readonly List<string> _asked = [];
    private IReadOnlyList<string>? _declared;
    private string _declaredBy = "";

    /// <summary>Reads <paramref name="mapping"/>, which is the node <paramref name="self"/>.</summary>
    public MappingReader(NodeReader self, YamlMappingNode mapping)
    {
        Self = self;
        foreach (var (key, value) in mapping.Children.OrderBy(child => child.Key.Start.Index))
        {
            var keyReader = new NodeReader(key, self.File, self.Path);
            string? name = keyReader.IsScalar ? keyReader.AsString() : null;
            string valuePath = name is null ? self.Path : Join(self.Path, name);
            _entries.Add(new Entry(name, keyReader, new NodeReader(value, self.File, valuePath)));
        }
    }

    /// <summary>The mapping itself: its file, path and location.</summary>
    public NodeReader Self { get; }

    /// <summary>The mapping's path from the root; "" for the root.</summary>
    public string Path => Self.Path;

    /// <summary>How messages name this mapping: its path, or "the top level".</summary>
    public string Where => Path.Length == 0 ? "the top level" : Path;

    /// <summary>The keys asked for so far, in the order asked: the valid keys of this mapping.</summary>
    public IReadOnlyList<string> ValidKeys => _asked;

    /// <summary>
    /// Binds this mapping to the keys its reader declares (<see cref="Schema.MappingShape.KeyNames"/>, the keys the
    /// JSON Schema of scenarios is generated from). From now on, and for the keys already asked, asking for a key that
    /// is not declared is a bug in the reader, not in the file: it throws <see cref="InvalidOperationException"/>, so a
    /// key added to a reader but not to its declaration fails the first test that reads that mapping. Returns this.
    /// </summary>
    public MappingReader Declare(string shape, IReadOnlyList<string> keys)
    {
        _declared = keys;
        _declaredBy = shape;
        foreach (string key in _asked) CheckDeclared(key);
        return this;
    }

    /// <summary>Binds this mapping to the keys of <paramref name="shape"/> (see <see cref="Declare(string, IReadOnlyList{string})"/>).</summary>
    internal MappingReader Declare(Schema.MappingShape shape) => Declare(shape.Name, shape.KeyNames);

    /// <summary>Binds this mapping to the kinds of <paramref name="shape"/> (see <see cref="Declare(string, IReadOnlyList{string})"/>).</summary>
    internal MappingReader Declare(Schema.OneKeyShape shape) => Declare(shape.Noun, shape.KeyNames);

    /// <summary>
    /// Every entry of a mapping whose keys are names chosen by the user (cost names, overrides), in file order; all
    /// keys become valid. A key that is not a scalar is reported.
    /// </summary>
    public IReadOnlyList<(string Key, NodeReader KeyNode, NodeReader Value)> FreeEntries()
    {
        var result = new List<(string, NodeReader, NodeReader)>();
        foreach (Entry entry in _entries)
        {
            if (entry.Name is null) throw entry.Key.Unexpected("a name as the key");
            if (!_asked.Contains(entry.Name)) _asked.Add(entry.Name);
            result.Add((entry.Name, entry.Key, entry.Value));
        }
        return result;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or empty.</summary>
    public NodeReader? Optional(string key)
    {
        NodeReader? value = Find(key);
        return value is null || value.IsNull ? null : value;
    }

    /// <summary>
    /// The value of <paramref name="key"/> (possibly empty, which the typed readers reject); throws
    /// <c>missing required key</c> at the mapping when absent, or an unknown-key error at a likely misspelling of it.
    /// </summary>
    public NodeReader Required(string key)
    {
        if (Find(key) is { } value) return value;
        foreach (Entry entry in _entries)
        {
            if (entry.Name is not null && !_asked.Contains(entry.Name) && NearestName.Find(entry.Name, [key]) is not null)
                throw UnknownKey(entry, $"did you mean '{key}'?");
        }
        throw Self.Fail($"missing required key '{key}' in {Where}");
    }

    /// <summary>A required string.</summary>
    public string RequiredString(string key) => Required(key).AsString();

    /// <summary>An optional string; null when absent.</summary>
    public string? OptionalString(string key) => Optional(key)?.AsString();

    /// <summary>A required time with a unit (any sign; the caller checks the range).</summary>
    public SimTime RequiredTime(string key) => Required(key).AsTime();

    /// <summary>An optional time with a unit; <paramref name="absent"/> when absent.</summary>
    public SimTime OptionalTime(string key, SimTime absent) => Optional(key)?.AsTime() ?? absent;

    /// <summary>A required unsigned 64-bit integer.</summary>
    public ulong RequiredUInt64(string key) => Required(key).AsUInt64();

    /// <summary>An optional unsigned 64-bit integer; null when absent.</summary>
    public ulong? OptionalUInt64(string key) => Optional(key)?.AsUInt64();

    /// <summary>A required integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long RequiredInt64(string key, long min = long.MinValue, long max = long.MaxValue) =>
        Required(key).AsInt64(min, max);

    /// <summary>An optional integer in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public long? OptionalInt64(string key, long min = long.MinValue, long max = long.MaxValue) =>
        Optional(key)?.AsInt64(min, max);

    /// <summary>A required finite number.</summary>
    public double RequiredDouble(string key) => Required(key).AsDouble();

    /// <summary>An optional finite number; null when absent.</summary>
    public double? OptionalDouble(string key) => Optional(key)?.AsDouble();

    /// <summary>A required nested mapping.</summary>
    public MappingReader Mapping(string key) => Required(key).AsMapping();

    /// <summary>An optional nested mapping; null when absent.</summary>
    public MappingReader? OptionalMapping(string key) => Optional(key)?.AsMapping();

    /// <summary>A required sequence (an empty value reads as an empty sequence).</summary>
    public SequenceReader Sequence(string key) => Required(key).AsSequence();

    /// <summary>An optional sequence; null when absent.</summary>
    public SequenceReader? OptionalSequence(string key) => Optional(key)?.AsSequence();

    /// <summary>
    /// A mapping that names one of several kinds by its only key, e.g. <c>{ exponential: 10us }</c>. All of
    /// <paramref name="kinds"/> become valid keys. Throws at the mapping when it is empty, at the key when it is not a
    /// kind (with the nearest kind), and at the second key when there are two. <paramref name="noun"/> names the thing
    /// in messages ("distribution").
    /// </summary>
    public (string Kind, NodeReader Value) OneOf(string noun, params IReadOnlyList<string> kinds)
    {
        foreach (string kind in kinds) Ask(kind);
        string choices = string.Join(", ", kinds);
        if (_entries.Count == 0) throw Self.Fail($"{Where}: expected a {noun}, one of {{ {choices} }}, found an empty mapping");
        Entry first = _entries[0];
        if (first.Name is null || !kinds.Contains(first.Name))
        {
            string found = first.Name is null ? first.Key.Found : $"'{first.Name}'";
            string hint = first.Name is null ? $"expected one of: {choices}" : NearestName.Hint(first.Name, kinds);
            throw first.Key.Fail($"{Where}: unknown {noun} {found}; {hint}");
        }
        if (_entries.Count > 1)
        {
            throw _entries[1].Key.Fail(
                $"{Where}: a {noun} has exactly one key, one of {{ {choices} }}; found a second key {_entries[1].Key.Found}");
        }
        return (first.Name, first.Value);
    }

    /// <summary>
    /// Exactly one of <paramref name="keys"/>, among other keys of this mapping (e.g. <c>values</c> or <c>range</c>):
    /// none is an error at the mapping, two at the second one.
    /// </summary>
    public (string Key, NodeReader Value) OneOfKeys(params IReadOnlyList<string> keys)
    {
        var present = keys.Select(key => (Key: key, Value: Optional(key))).Where(p => p.Value is not null).ToList();
        string choices = string.Join(" or ", keys);
        if (present.Count == 0) throw Self.Fail($"{Where}: expected one of the keys {choices}, found none of them");
        if (present.Count > 1) throw present[1].Value!.Fail($"{Where}: expected only one of the keys {choices}, found both '{present[0].Key}' and '{present[1].Key}'");
        return (present[0].Key, present[0].Value!);
    }

    /// <summary>A problem at the value of <paramref name="key"/>, or at the mapping when the key is absent.</summary>
    public ScenarioException FailAt(string key, string problem) => (Find(key) ?? Self).Fail(problem);

    /// <summary>Throws at the first key (in file order) that was never asked for, naming the nearest valid key.</summary>
    public void Done()
    {
        foreach (Entry entry in _entries)
        {
            if (entry.Name is null) throw entry.Key.Fail($"{Where}: expected a key name, found {entry.Key.Found} as a key");
            if (!_asked.Contains(entry.Name)) throw UnknownKey(entry, NearestName.Hint(entry.Name, _asked));
        }
    }

    private NodeReader? Find(string key)
    {
        Ask(key);
        foreach (Entry entry in _entries)
            if (entry.Name == key) return entry.Value;
        return null;
    }

    private void Ask(string key)
    {
        CheckDeclared(key);
        if (!_asked.Contains(key)) _asked.Add(key);
    }

    private void CheckDeclared(string key)
    {
        if (_declared is not null && !_declared.Contains(key))
            throw new InvalidOperationException($"the reader of {_declaredBy} asked for key '{key}', which its declaration (the schema's source) lacks; declare it");
    }

    private ScenarioException UnknownKey(Entry entry, string hint) =>
        entry.Key.Fail($"unknown key '{entry.Name}' in {Where}; {hint}");

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
