namespace Sim.Scenarios.Schema;

/// <summary>
/// What a scenario reader accepts as the value of one key, declared next to the reader (issue 16) so that the JSON
/// Schema of scenario files (<see cref="ScenarioSchema"/>) is generated from the same declarations the readers check
/// their keys against (<see cref="Yaml.MappingReader.Declare(MappingShape)"/>). A shape says what an editor can check locally: the
/// kind of value, its enum or unit pattern, its keys; ranges that depend on other keys stay with the reader.
/// </summary>
internal abstract record ValueShape;

/// <summary>Any string (YAML scalar); <paramref name="Pattern"/>, when given, an ECMA-262 regular expression it matches.</summary>
internal sealed record TextShape(string? Pattern = null) : ValueShape;

/// <summary>An integer in [<paramref name="Minimum"/>, <paramref name="Maximum"/>] (either bound optional), as <see cref="Yaml.NodeReader.AsInt64"/> reads it.</summary>
internal sealed record IntegerShape(long? Minimum = null, ulong? Maximum = null) : ValueShape;

/// <summary>A finite number, as <see cref="Yaml.NodeReader.AsDouble"/> reads it, with optional bounds (inclusive or exclusive).</summary>
internal sealed record NumberShape(double? Minimum = null, double? Maximum = null, double? ExclusiveMinimum = null, double? ExclusiveMaximum = null) : ValueShape;

/// <summary><c>true</c> or <c>false</c>, as <see cref="Yaml.NodeReader.AsBoolean"/> reads it.</summary>
internal sealed record BooleanShape : ValueShape;

/// <summary>One of a fixed set of names, the reader's own list (e.g. <c>SharingReader.Mechanisms</c>).</summary>
internal sealed record EnumShape(IReadOnlyList<string> Values) : ValueShape;

/// <summary>A quantity written with a unit (<c>20ms</c>, <c>4KiB</c>, <c>780Mb/s</c>): a string matching <see cref="QuantityPattern"/>.</summary>
internal sealed record QuantityShape(QuantityPattern Quantity) : ValueShape;

/// <summary>A sequence of <paramref name="Item"/>s, at least <paramref name="MinItems"/>, at most <paramref name="MaxItems"/>, each once when <paramref name="Unique"/>.</summary>
internal sealed record ListShape(ValueShape Item, int MinItems = 0, int? MaxItems = null, bool Unique = false) : ValueShape;

/// <summary>A mapping whose keys are names chosen by the writer (cost names, VM names), each with a <paramref name="Value"/>.</summary>
internal sealed record MapShape(ValueShape Value) : ValueShape;

/// <summary>Any of <paramref name="Choices"/> (a policy name or a decorator mapping; a route name or a list of routes).</summary>
internal sealed record EitherShape(params IReadOnlyList<ValueShape> Choices) : ValueShape;

/// <summary>Any YAML value (a swept parameter's values are checked when put in place).</summary>
internal sealed record AnyShape : ValueShape;

/// <summary>
/// A shape defined once and referred to by name, so that it may contain itself (a policy decorator wraps a policy);
/// <paramref name="Target"/> is read lazily, once the readers' static declarations exist.
/// </summary>
internal sealed record NamedShape(string Name, Func<ValueShape> Target) : ValueShape;

/// <summary>
/// Mappings told apart by the value of <paramref name="Tag"/> (a device's <c>type</c>): each variant's shape applies
/// when the tag has its value.
/// </summary>
internal sealed record TaggedShape(string Tag, IReadOnlyList<(string Value, MappingShape Shape)> Variants) : ValueShape;
