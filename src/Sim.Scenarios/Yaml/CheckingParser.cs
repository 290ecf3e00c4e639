using Sim.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sim.Scenarios.Yaml;

/// <summary>
/// Passes parsing events through unchanged, rejecting two things the representation model would reject less
/// precisely: a mapping that gives the same scalar key twice (YAML 1.2, 3.2.1.1: the keys of a mapping are unique),
/// named at both places; and an alias to an anchor not defined before it in the document (YAML 1.2, 3.2.2.2), named at
/// the alias (YamlDotNet 16.3 reports it at the start of the document).
/// </summary>
internal sealed class CheckingParser(IParser inner, string file) : IParser
{
    /// <summary>One open collection: for a mapping, the keys seen so far and whether the next node is a key.</summary>
    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;
        public bool ExpectingKey { get; set; } = true;
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }

    private readonly Stack<Frame> _open = new();
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        ParsingEvent? current = inner.Current;
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored) _anchors.Add(anchored.Anchor.Value);
        switch (current)
        {
            case DocumentStart:
                _anchors.Clear();
                break;
            case Scalar scalar:
                Node(scalar.Value, scalar.Start);
                break;
            case AnchorAlias alias:
                if (!_anchors.Contains(alias.Value.Value))
                {
                    throw Fail(alias.Start,
                        $"YAML syntax error: alias '*{alias.Value.Value}' refers to no anchor; expected an '&{alias.Value.Value}' earlier in the document");
                }
                Node(null, alias.Start);
                break;
            case SequenceStart sequence:
                Node(null, sequence.Start);
                _open.Push(new Frame(isMapping: false));
                break;
            case MappingStart mapping:
                Node(null, mapping.Start);
                _open.Push(new Frame(isMapping: true));
                break;
            case SequenceEnd or MappingEnd:
                _open.Pop();
                break;
        }
        return true;
    }

    /// <summary>A node begins: if it is a key of the open mapping, checks it was not given before.</summary>
    private void Node(string? scalarKey, Mark start)
    {
        if (!_open.TryPeek(out Frame? frame) || !frame.IsMapping) return;
        if (frame.ExpectingKey && scalarKey is not null)
        {
            if (frame.Keys.TryGetValue(scalarKey, out Mark first))
            {
                throw Fail(start, $"duplicate key '{scalarKey}': already given at line {first.Line}, column {first.Column}; " +
                    "expected each key at most once in a mapping");
            }
            frame.Keys.Add(scalarKey, start);
        }
        frame.ExpectingKey = !frame.ExpectingKey;
    }

    private ScenarioException Fail(Mark at, string problem) =>
        new(file, YamlSource.LineOf(at), YamlSource.ColumnOf(at), problem);
}
