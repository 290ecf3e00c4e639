using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// The items of all the arguments of a comparison, in order, each under a label of its own: two arguments that would
/// give one label (<c>out/a/sweep</c> and <c>out/b/sweep</c> are both <c>sweep</c>) are labelled as they were typed.
/// </summary>
public static class ComparedItems
{
    /// <summary>The items of <paramref name="loaded"/> (one entry per argument in <paramref name="arguments"/>), labels made distinct.</summary>
    public static IReadOnlyList<ComparedItem> Distinct(IReadOnlyList<LoadedResults> loaded, IReadOnlyList<ComparisonArgument> arguments)
    {
        var items = loaded.SelectMany((l, i) => l.Items.Select(item => (Item: item, Argument: arguments[i]))).ToList();
        var shared = items.GroupBy(x => x.Item.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var labelled = items.Select(x => shared.Contains(x.Item.Label) ? x.Item with { Label = Relabel(x.Item.Label, x.Argument) } : x.Item).ToList();
        // Still alike (one argument given twice): number them.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return labelled.Select(item =>
        {
            int n = seen[item.Label] = seen.GetValueOrDefault(item.Label) + 1;
            return n == 1 ? item : item with { Label = $"{item.Label} ({n})" };
        }).ToList();
    }

    /// <summary><paramref name="label"/> with its leading name (up to the first '#') replaced by the argument's path as typed.</summary>
    private static string Relabel(string label, ComparisonArgument argument)
    {
        int hash = label.IndexOf('#');
        return argument.Path.TrimEnd('/', '\\') + (hash < 0 ? "" : label[hash..]);
    }
}
