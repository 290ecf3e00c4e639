using System.Text;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// Greedy word wrapping to a width in characters, for prose that must never be truncated. Every run of whitespace (line
/// breaks inside a YAML string too) becomes one space; words joined by <see cref="Glue"/> (a value and its unit, a
/// formula term and its value) stay on one line when they fit in the width, and are printed with plain spaces. Only a
/// word longer than the width is broken inside.
/// </summary>
internal static class WrappedText
{
    /// <summary>A space the wrapper does not break at (U+00A0, printed as a plain space).</summary>
    public const char Glue = '\u00A0';

    /// <summary>Writes <paramref name="text"/> to <paramref name="console"/> wrapped to <paramref name="width"/>, in <paramref name="style"/> (plain by default).</summary>
    public static void Write(IAnsiConsole console, string text, int width, Style? style = null)
    {
        foreach (string line in Lines(text, width)) console.WriteLine(line, style ?? Style.Plain);
    }

    /// <summary>The lines of <paramref name="text"/>, none longer than <paramref name="width"/> (at least 1); one empty line for empty text.</summary>
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        width = Math.Max(1, width);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in Words(text, width))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length <= width)
            {
                line.Append(' ').Append(word);
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            string rest = word;
            while (rest.Length > width)
            {
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            line.Append(rest);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }

    /// <summary>The words to place, glue turned into plain spaces; a glued group longer than the width falls apart into its words.</summary>
    private static IEnumerable<string> Words(string text, int width)
    {
        foreach (string group in Groups(text))
        {
            if (group.Length <= width)
            {
                yield return group.Replace(Glue, ' ');
                continue;
            }
            foreach (string word in group.Split(Glue, StringSplitOptions.RemoveEmptyEntries)) yield return word;
        }
    }

    /// <summary>The runs of <paramref name="text"/> between breakable whitespace (every whitespace but <see cref="Glue"/>).</summary>
    private static IEnumerable<string> Groups(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool boundary = i == text.Length || (char.IsWhiteSpace(text[i]) && text[i] != Glue);
            if (!boundary && start < 0) start = i;
            else if (boundary && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
