using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Yaml;

/// <summary>A YAML sequence whose items are read in order, each with its path (<c>queueing.sources[2]</c>).</summary>
public sealed class SequenceReader
{
    /// <summary>Reads <paramref name="items"/>, the children of the node <paramref name="self"/>.</summary>
    public SequenceReader(NodeReader self, IEnumerable<YamlNode> items)
    {
        Self = self;
        Items = items.Select((item, i) => new NodeReader(item, self.File, $"{self.Path}[{i}]")).ToList();
    }

    /// <summary>The sequence itself: its file, path and location.</summary>
    public NodeReader Self { get; }

    /// <summary>The items, in file order.</summary>
    public IReadOnlyList<NodeReader> Items { get; }

    /// <summary>Every item as a mapping; throws at the first item that is not one.</summary>
    public IReadOnlyList<MappingReader> Mappings() => Items.Select(item => item.AsMapping()).ToList();
}
