using Sim.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Scenarios.Yaml;

/// <summary>
/// Turns YAML text into one located node, converting every YamlDotNet failure (syntax errors, unknown anchors,
/// duplicate keys, and the odd internal error on malformed input) into a <see cref="ScenarioException"/> at its place.
/// </summary>
public static class YamlSource
{
    /// <summary>
    /// Parses <paramref name="text"/>, named <paramref name="file"/> in errors. Returns the root node of its only
    /// document, or null when there is none (empty, or only comments). More than one document is an error.
    /// </summary>
    public static NodeReader? Parse(string text, string file)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new CheckingParser(new Parser(scanner), file));
        }
        catch (YamlException e)
        {
            throw new ScenarioException(file, LineOf(e.Start), ColumnOf(e.Start), $"YAML syntax error: {Sentence(e.Message)}", e);
        }
        catch (Exception e) when (e is not ScenarioException)
        {
            // YamlDotNet 16.3 throws InvalidOperationException on some malformed flow collections (e.g. an unclosed '['
            // followed by a block mapping line); the scanner still knows where it stopped.
            Mark at = scanner.CurrentPosition;
            throw new ScenarioException(file, LineOf(at), ColumnOf(at),
                "YAML syntax error: the text cannot be parsed here; expected well-formed YAML " +
                "(check for an unclosed '[' or '{' or a missing quote)", e);
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1)
        {
            Mark second = stream.Documents[1].RootNode.Start;
            throw new ScenarioException(file, LineOf(second), ColumnOf(second),
                "found a second YAML document; expected exactly one document in the file");
        }
        return new NodeReader(stream.Documents[0].RootNode, file, path: "");
    }

    /// <summary>
    /// Parses the one-line value <paramref name="text"/> as if it were written at <paramref name="line"/>,
    /// <paramref name="column"/> of <paramref name="file"/>: a value made up by a sweep (from a range) is placed where
    /// the range was written, so that an error about it points there.
    /// </summary>
    public static YamlNode ParseAt(string text, string file, int line, int column)
    {
        string placed = new string('\n', Math.Max(0, line - 1)) + new string(' ', Math.Max(0, column - 1)) + text;
        return Parse(placed, file)?.Node ?? throw new ScenarioException(file, line, column, $"'{text}' is not a value");
    }

    /// <summary>A mark's 1-based line as an int (files of more than 2^31 lines are not scenarios).</summary>
    public static int LineOf(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    /// <summary>A mark's 1-based column as an int.</summary>
    public static int ColumnOf(Mark mark) => (int)Math.Clamp(mark.Column, 0, int.MaxValue);

    /// <summary>YamlDotNet's "While parsing ... ." as the tail of our message: lower-case start, no final period.</summary>
    private static string Sentence(string message)
    {
        string s = message.Trim().TrimEnd('.');
        return s.Length == 0 ? "malformed YAML" : char.ToLowerInvariant(s[0]) + s[1..];
    }
}
