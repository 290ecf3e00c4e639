using Sim.Scenarios.Loading;
using Sim.Studies;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// Which metrics a comparison is about: the <c>--metric</c> patterns when given (each must match some key), else the
/// first study's selected metrics, else the <see cref="MetricSelection.Defaults"/>.
/// </summary>
public static class ComparisonMetrics
{
    /// <summary>
    /// The selection for <paramref name="loaded"/> given the user's <paramref name="patterns"/>; throws
    /// <see cref="ComparisonInputException"/> naming a pattern that matches no metric of any item.
    /// </summary>
    public static MetricSelection Choose(IReadOnlyList<string> patterns, IReadOnlyList<LoadedResults> loaded)
    {
        if (patterns.Count > 0)
        {
            var selection = new MetricSelection(patterns);
            var unmatched = selection.Unmatched(AllKeys(loaded.SelectMany(l => l.Items)));
            if (unmatched.Count > 0)
                throw new ComparisonInputException($"the metric pattern '{unmatched[0]}' matches no metric of these results");
            return selection;
        }
        var study = loaded.FirstOrDefault(l => l.IsStudy && l.Selected.Count > 0);
        return new MetricSelection(study?.Selected ?? []);
    }

    /// <summary>Every metric key of <paramref name="items"/>, distinct, in ordinal order.</summary>
    public static IReadOnlyList<string> AllKeys(IEnumerable<ComparedItem> items) =>
        items.SelectMany(i => i.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
