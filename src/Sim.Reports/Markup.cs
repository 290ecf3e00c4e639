using System.Text;

namespace Sim.Reports;

/// <summary>
/// Escaping of text for HTML and inline SVG: the five markup characters become entities, line ends become "\n",
/// and control characters that markup cannot hold become U+FFFD, so any string is safe in text and in quoted attributes.
/// </summary>
internal static class Markup
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="builder"/>, escaped.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, string? text)
    {
        if (text is null) return builder;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    break;
                case '\n' or '\t': builder.Append(c); break;
                case < ' ' or '\u007F': builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }
        return builder;
    }

    /// <summary><paramref name="text"/>, escaped.</summary>
    public static string Escape(string? text) => new StringBuilder().AppendEscaped(text).ToString();

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxChars"/> characters, ending in "…" when cut
    /// (a label that must fit a fixed width in a chart).
    /// </summary>
    public static string Truncate(string text, int maxChars)
    {
        if (maxChars < 2) maxChars = 2;
        if (text.Length <= maxChars) return text;
        int keep = maxChars - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + "…";
    }
}
