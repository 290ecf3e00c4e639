namespace Sim.Scenarios.Schema;

/// <summary>
/// A mapping with a closed set of keys, as a reader reads it: every key it may ask for (<see cref="Keys"/>); any other
/// key is refused by <see cref="Yaml.MappingReader.Done"/>, so the schema says <c>additionalProperties: false</c>.
/// <see cref="ExactlyOne"/> lists groups of keys of which exactly one must be present (<c>grid</c> or <c>zip</c>);
/// <see cref="AtLeastOne"/> groups of which one or more must be. <paramref name="Name"/> names the mapping in
/// messages about the declaration itself.
/// </summary>
internal sealed record MappingShape(string Name, IReadOnlyList<KeyShape> Keys) : ValueShape
{
    /// <summary>Groups of keys of which exactly one is present.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactlyOne { get; init; } = [];

    /// <summary>Groups of keys of which at least one is present.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AtLeastOne { get; init; } = [];

    /// <summary>The key names, in declaration order: what the reader may ask for.</summary>
    public IReadOnlyList<string> KeyNames => Keys.Select(key => key.Name).ToList();
}

/// <summary>
/// A mapping of exactly one key naming its kind, e.g. a distribution <c>{ exponential: 10us }</c>
/// (<see cref="Yaml.MappingReader.OneOf"/>): each kind is a key with its value's shape.
/// </summary>
internal sealed record OneKeyShape(string Noun, IReadOnlyList<KeyShape> Kinds) : ValueShape
{
    /// <summary>The kind names, in declaration order.</summary>
    public IReadOnlyList<string> KeyNames => Kinds.Select(key => key.Name).ToList();
}
