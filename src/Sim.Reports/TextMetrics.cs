namespace Sim.Reports;

/// <summary>
/// How much room text takes in a chart, estimated without a font engine: every character counts
/// <see cref="CharWidthEm"/> of the font size (wider than the average glyph of the usual sans-serif fonts, DejaVu Sans
/// included, so an estimate never falls short), and how text is wrapped into lines of a given number of characters.
/// </summary>
internal static class TextMetrics
{
    /// <summary>The width of one character, as a fraction of the font size.</summary>
    public const double CharWidthEm = 0.64;

    /// <summary>The estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string? text, double fontSize) => (text?.Length ?? 0) * fontSize * CharWidthEm;

    /// <summary>How many characters fit in <paramref name="pixels"/> at <paramref name="fontSize"/> (at least 1).</summary>
    public static int CharsIn(double pixels, double fontSize) => Math.Max(1, (int)(pixels / (fontSize * CharWidthEm)));

    /// <summary>
    /// <paramref name="text"/> in lines of at most <paramref name="maxChars"/> characters, broken after a space, a
    /// comma, a '/', a '-' or a '=' when one is near enough, else inside a word; nothing is dropped.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, int maxChars)
    {
        text ??= "";
        maxChars = Math.Max(4, maxChars);
        var lines = new List<string>();
        string rest = text;
        while (rest.Length > maxChars)
        {
            int cut = -1;
            for (int i = maxChars; i >= maxChars / 3; i--)
            {
                char c = rest[i - 1];
                if (c is ' ' or ',' or '/' or '-' or '=' || (i < rest.Length && rest[i] == ' '))
                {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) cut = char.IsHighSurrogate(rest[maxChars - 1]) ? maxChars - 1 : maxChars;
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0 || lines.Count == 0) lines.Add(rest);
        return lines;
    }
}
