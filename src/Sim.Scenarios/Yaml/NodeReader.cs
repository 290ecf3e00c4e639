using System.Globalization;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Yaml;

/// <summary>
/// One YAML node with its file and its path from the document root (<c>queueing.sources[0].name</c>), read as a
/// typed value. Every conversion that fails throws a <see cref="ScenarioException"/> at the node, worded
/// <c>path: expected X, found Y</c>.
/// </summary>
public sealed class NodeReader
{
    private readonly YamlNode _node;

    /// <summary>Wraps <paramref name="node"/> of <paramref name="file"/>, reached by <paramref name="path"/> ("" for the root).</summary>
    public NodeReader(YamlNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
    }

    /// <summary>The YAML node beneath, for a sweep that puts another value in its place.</summary>
    public YamlNode Node => _node;

    /// <summary>The file the node came from, as named in errors.</summary>
    public string File { get; }

    /// <summary>The dotted path from the root, with <c>[i]</c> for sequence items; "" for the root.</summary>
    public string Path { get; }

    /// <summary>The node's 1-based line (for an alias, where its anchor was defined).</summary>
    public int Line => YamlSource.LineOf(_node.Start);

    /// <summary>The node's 1-based column.</summary>
    public int Column => YamlSource.ColumnOf(_node.Start);

    /// <summary>
    /// An empty value (<c>key:</c> with nothing after it) or a plain <c>~</c> / <c>null</c>. A quoted <c>'null'</c> is
    /// the string.
    /// </summary>
    public bool IsNull => _node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>A scalar (string, number, time), not null.</summary>
    public bool IsScalar => _node is YamlScalarNode && !IsNull;

    /// <summary>A sequence (<c>- item</c> lines, or <c>[a, b]</c>).</summary>
    public bool IsSequence => _node is YamlSequenceNode;

    /// <summary>A mapping (<c>key: value</c> lines, or <c>{ k: v }</c>).</summary>
    public bool IsMapping => _node is YamlMappingNode;

    /// <summary>What the node is, for the "found" half of a message: <c>'abc'</c>, <c>a mapping</c>, <c>nothing</c>.</summary>
    public string Found => _node switch
    {
        YamlMappingNode m => m.Children.Count == 0 ? "an empty mapping" : "a mapping",
        YamlSequenceNode s => s.Children.Count == 0 ? "an empty sequence" : "a sequence",
        _ when IsNull => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported YAML node",
    };

    /// <summary>A problem at this node, worded by the caller (who names the field if it helps).</summary>
    public ScenarioException Fail(string problem) => new(File, Line, Column, problem);

    /// <summary>A problem at this node: <c>path: expected <paramref name="expected"/>, found ...</c>.</summary>
    public ScenarioException Unexpected(string expected) => Fail($"{Subject}expected {expected}, found {Found}");

    /// <summary>The scalar's text; any scalar is a string (<c>name: 42</c> is "42"), null is not.</summary>
    public string AsString()
    {
        if (!IsScalar) throw Unexpected("a string");
        return ((YamlScalarNode)_node).Value ?? "";
    }

    /// <summary>A time with a unit, <c>250ns</c>, <c>1.5us</c>, <c>10ms</c>, <c>2s</c> (see <see cref="SimTime.TryParse"/>).</summary>
    public SimTime AsTime()
    {
        if (!IsScalar) throw Unexpected("a time such as 250ns, 1.5us, 10ms or 2s");
        if (!SimTime.TryParse(Text, out SimTime value, out string error)) throw Fail($"{Subject}{error}");
        return value;
    }

    /// <summary>A time (<see cref="AsTime"/>) greater than zero.</summary>
    public SimTime AsPositiveTime()
    {
        SimTime time = AsTime();
        return time > SimTime.Zero ? time : throw Unexpected("a time > 0");
    }

    /// <summary>A time (<see cref="AsTime"/>) of zero or more.</summary>
    public SimTime AsNonNegativeTime()
    {
        SimTime time = AsTime();
        return time >= SimTime.Zero ? time : throw Unexpected("a time >= 0");
    }

    /// <summary>A decimal integer from 0 to 2^64 - 1, no sign, no separators.</summary>
    public ulong AsUInt64()
    {
        if (IsScalar && ulong.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)) return value;
        throw Unexpected($"an unsigned 64-bit integer (0 to {ulong.MaxValue})");
    }

    /// <summary>A decimal integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long AsInt64(long min = long.MinValue, long max = long.MaxValue)
    {
        if (IsScalar && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            && value >= min && value <= max)
        {
            return value;
        }
        throw Unexpected(IntegerRange(min, max));
    }

    /// <summary>A boolean: <c>true</c> or <c>false</c> (no other YAML 1.1 spellings).</summary>
    public bool AsBoolean()
    {
        if (IsScalar && Text is "true" or "false") return Text == "true";
        throw Unexpected("true or false");
    }

    /// <summary>A finite decimal number (<c>0.3</c>, <c>1e-3</c>); not <c>.inf</c> or <c>.nan</c>.</summary>
    public double AsDouble()
    {
        if (IsScalar && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value))
        {
            return value;
        }
        throw Unexpected("a number");
    }

    /// <summary>This node as a mapping whose keys are read one by one.</summary>
    public MappingReader AsMapping()
    {
        if (_node is not YamlMappingNode mapping) throw Unexpected("a mapping");
        return new MappingReader(this, mapping);
    }

    /// <summary>This node as a sequence; an empty value (<c>key:</c>) reads as an empty sequence.</summary>
    public SequenceReader AsSequence()
    {
        if (IsNull) return new SequenceReader(this, []);
        if (_node is not YamlSequenceNode sequence) throw Unexpected("a sequence");
        return new SequenceReader(this, sequence.Children);
    }

    /// <summary>"path: " to start a message about this node; nothing for the root.</summary>
    private string Subject => Path.Length == 0 ? "" : $"{Path}: ";

    private string Text => ((YamlScalarNode)_node).Value ?? "";

    private static string IntegerRange(long min, long max) => (min, max) switch
    {
        (long.MinValue, long.MaxValue) => "an integer",
        (1, long.MaxValue) => "a positive integer",
        (0, long.MaxValue) => "a non-negative integer",
        (_, long.MaxValue) => $"an integer >= {min}",
        (long.MinValue, _) => $"an integer <= {max}",
        _ => $"an integer from {min} to {max}",
    };
}
