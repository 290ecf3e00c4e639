using System.Globalization;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Loading;

/// <summary>
/// A path to one value of a scenario document, e.g. <c>guests.xen.devices.blk0.workload.requestSize</c>: steps joined
/// by '.'; a step into a mapping is a key, a step into a list chooses an item by its index (from 0) or by its name (the
/// item whose <c>name:</c> is that). <c>guests[xen].devices[blk0]</c> is the same path with brackets, which must be
/// quoted inside a YAML flow mapping (<c>{ path: 'guests[0].memory' }</c>) where '[' and ']' are syntax. Resolving it against the document gives the <see cref="SweepSlot"/> a swept value goes into;
/// the last key may be absent (an optional key left at its default), every other step must exist.
/// </summary>
internal sealed class SweepPath
{
    private readonly List<(string Key, List<string> Selectors)> _steps;

    private SweepPath(string text, List<(string Key, List<string> Selectors)> steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>The last step of the path: the parameter's default name.</summary>
    public string LastKey => _steps[^1].Selectors.Count > 0 ? _steps[^1].Selectors[^1] : _steps[^1].Key;

    /// <summary>Parses the path in <paramref name="node"/>; a malformed path is an error at the node.</summary>
    public static SweepPath Parse(NodeReader node)
    {
        string text = node.AsString();
        var steps = new List<(string Key, List<string> Selectors)>();
        int i = 0;
        while (i <= text.Length)
        {
            int start = i;
            while (i < text.Length && text[i] is not ('.' or '[')) i++;
            string key = text[start..i];
            if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c == ']')) throw Malformed(node, text);
            var selectors = new List<string>();
            while (i < text.Length && text[i] == '[')
            {
                int close = text.IndexOf(']', i);
                if (close < 0 || close == i + 1) throw Malformed(node, text);
                selectors.Add(text[(i + 1)..close]);
                i = close + 1;
            }
            steps.Add((key, selectors));
            if (i == text.Length) break;
            if (text[i] != '.') throw Malformed(node, text);
            i++;
            if (i == text.Length) throw Malformed(node, text);
        }
        return new SweepPath(text, steps);
    }

    /// <summary>
    /// The slot this path names in <paramref name="root"/>; a step that does not exist is an error at
    /// <paramref name="at"/> naming what is there instead.
    /// </summary>
    public SweepSlot Resolve(YamlMappingNode root, NodeReader at)
    {
        var tokens = _steps.SelectMany(step => step.Selectors.Prepend(step.Key).Select((t, i) => (Text: t, Bracketed: i > 0))).ToList();
        YamlNode current = root;
        string walked = "";
        for (int s = 0; s < tokens.Count; s++)
        {
            var (token, bracketed) = tokens[s];
            bool last = s == tokens.Count - 1;
            if (current is YamlSequenceNode sequence)
            {
                if (last) throw at.Fail($"{at.Path}: the path '{Text}' ends at an item of the list {Where(walked)}; expected it to end at a key of the item (e.g. '{Text}.name')");
                current = Select(sequence, token, walked, at);
                walked += $"[{token}]";
                continue;
            }
            if (bracketed)
                throw at.Fail($"{at.Path}: '{Where(walked)}' is not a list, so [{token}] selects nothing; check the path '{Text}'");
            if (current is not YamlMappingNode mapping)
                throw at.Fail($"{at.Path}: '{Where(walked)}' is a single value, so it has no key '{token}'; check the path '{Text}'");
            var keyNode = mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == token);
            if (keyNode is null)
            {
                if (last) return new SweepSlot(mapping, token, null);
                var keys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList();
                throw at.Fail($"{at.Path}: no key '{token}' in {Where(walked)}; {NearestName.Hint(token, keys)}");
            }
            if (last) return new SweepSlot(mapping, token, keyNode);
            walked = walked.Length == 0 ? token : $"{walked}.{token}";
            current = mapping.Children[keyNode];
        }
        throw new InvalidOperationException("a parsed path has at least one step");
    }

    private static YamlNode Select(YamlSequenceNode sequence, string selector, string walked, NodeReader at)
    {
        if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            if (index < sequence.Children.Count) return sequence.Children[index];
            throw at.Fail($"{at.Path}: '{walked}' has {sequence.Children.Count} item(s); expected an index from 0 to {sequence.Children.Count - 1}, found [{index}]");
        }
        var names = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode m) continue;
            var name = m.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value as YamlScalarNode;
            if (name?.Value is not { } n) continue;
            if (n == selector) return item;
            names.Add(n);
        }
        throw at.Fail($"{at.Path}: no item named '{selector}' in {walked}; {NearestName.Hint(selector, names)}");
    }

    private static string Where(string walked) => walked.Length == 0 ? "the top level" : walked;

    private static ScenarioException Malformed(NodeReader node, string text) => node.Fail(
        $"{node.Path}: '{text}' is not a value path; expected keys joined by '.', with [index] or [name] after a list " +
        "(e.g. guests.xen.devices.blk0.workload.requestSize)");
}

/// <summary>
/// The place one swept value goes: a key of a mapping, present or not. <see cref="Put"/> puts a value there and
/// returns how to undo it, so that one document serves every point in turn.
/// </summary>
/// <param name="Mapping">The mapping that holds (or will hold) the key.</param>
/// <param name="Key">The key.</param>
/// <param name="KeyNode">The key's node when the key is present; null when a value must add it.</param>
internal sealed record SweepSlot(YamlMappingNode Mapping, string Key, YamlNode? KeyNode)
{
    /// <summary>Puts <paramref name="value"/> at the key (adding <paramref name="newKey"/> when absent); returns the undo.</summary>
    public Action Put(YamlNode value, Func<YamlNode> newKey)
    {
        if (KeyNode is { } present)
        {
            YamlNode old = Mapping.Children[present];
            Mapping.Children[present] = value;
            return () => Mapping.Children[present] = old;
        }
        YamlNode added = newKey();
        Mapping.Children.Add(added, value);
        return () => Mapping.Children.Remove(added);
    }
}
