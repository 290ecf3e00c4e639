using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// One argument of <c>sim compare</c>: a results file or a directory holding one, and after <c>#</c> the items chosen
/// inside it, comma-separated: a study's point indices (<c>out/study#0,3</c>) or the path prefixes of a run's guests,
/// variants or devices (<c>out/quickstart#kvm-vhost-user,xen-grants</c>). An argument naming an existing file or
/// directory is taken whole, even when it holds a <c>#</c>.
/// </summary>
/// <param name="Text">The argument as given.</param>
/// <param name="Path">The file or directory.</param>
/// <param name="Selectors">The items chosen after <c>#</c>; empty when there is no <c>#</c>.</param>
public sealed record ComparisonArgument(string Text, string Path, IReadOnlyList<string> Selectors)
{
    /// <summary>Splits <paramref name="text"/>; throws <see cref="ComparisonInputException"/> for a <c>#</c> followed by nothing.</summary>
    public static ComparisonArgument Parse(string text)
    {
        int hash = text.LastIndexOf('#');
        if (hash < 0 || File.Exists(text) || Directory.Exists(text)) return new ComparisonArgument(text, text, []);
        var selectors = text[(hash + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim('/')).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (selectors.Count == 0)
            throw new ComparisonInputException($"{text}: nothing after '#'; expected RESULTS#ITEM: a guest, variant or device of a run, or a study's point index (e.g. out/quickstart#kvm-vhost-user, out/study#0,3)");
        return new ComparisonArgument(text, text[..hash], selectors);
    }
}
