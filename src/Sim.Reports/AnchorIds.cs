using System.Text;

namespace Sim.Reports;

/// <summary>
/// Anchor ids for a page's sections: the title lower-cased, ASCII letters and digits kept, every other run of
/// characters one '-', no '-' at either end ("section" when nothing is left); a repeat of an id already given (or
/// reserved by the page itself) gets "-2", "-3", … appended, so every id on the page is unique.
/// </summary>
internal sealed class AnchorIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Ids that the page itself uses, reserved so no section takes them.</summary>
    public AnchorIds(params string[] reserved)
    {
        foreach (string id in reserved) _used.Add(id);
    }

    /// <summary>The slug of <paramref name="title"/> (see the class summary), before making it unique.</summary>
    public static string Slug(string? title)
    {
        var sb = new StringBuilder();
        bool dash = false;
        foreach (char c in title ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && sb.Length > 0) sb.Append('-');
                dash = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                dash = true;
            }
        }
        return sb.Length == 0 ? "section" : sb.ToString();
    }

    /// <summary>A unique id for a section titled <paramref name="title"/>.</summary>
    public string Next(string? title)
    {
        string slug = Slug(title);
        string id = slug;
        for (int n = 2; !_used.Add(id); n++) id = slug + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return id;
    }
}
