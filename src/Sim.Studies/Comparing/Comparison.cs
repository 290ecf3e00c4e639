using Sim.Scenarios.Loading;
using System.Globalization;
using Sim.Studies;

using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// A comparison of results: for each selected metric, every item's mean, half-width and n, its difference from the
/// baseline item (absolute and relative) and whether their confidence intervals overlap.
/// </summary>
/// <param name="Items">The compared items, in argument order.</param>
/// <param name="BaselineIndex">The index of the baseline among <paramref name="Items"/>.</param>
/// <param name="Rows">One row per selected metric, in selection order.</param>
public sealed record Comparison(IReadOnlyList<ComparedItem> Items, int BaselineIndex, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The baseline item.</summary>
    public ComparedItem Baseline => Items[BaselineIndex];

    /// <summary>How many metrics differ significantly from the baseline (some item's interval disjoint from it).</summary>
    public int SignificantCount => Rows.Count(r => r.DiffersSignificantly);

    /// <summary>
    /// Compares <paramref name="items"/> against the one at <paramref name="baselineIndex"/> over the metrics
    /// <paramref name="selection"/> chooses among all the items' keys. Throws <see cref="ComparisonInputException"/>
    /// for fewer than two items, a baseline out of range, or no metric selected.
    /// </summary>
    public static Comparison Build(IReadOnlyList<ComparedItem> items, MetricSelection selection, int baselineIndex)
    {
        if (items.Count < 2)
            throw new ComparisonInputException($"need at least two items to compare, got {items.Count}{(items.Count == 1 ? $" ({items[0].Label})" : "")}; " +
                "expected two results, a study with two or more points, or a run with two or more guests, variants or devices (RESULTS#A,B or --within)");
        if (baselineIndex < 0 || baselineIndex >= items.Count)
            throw new ComparisonInputException(
                $"--baseline {baselineIndex.ToString(CultureInfo.InvariantCulture)} is out of range: there are {items.Count} items (0 to {items.Count - 1})");
        var keys = ComparisonMetrics.AllKeys(items);
        var selected = selection.Select(keys);
        if (selected.Count == 0) throw new ComparisonInputException("no metric to compare: the selected metric patterns match no metric of these results");
        var baseline = items[baselineIndex];
        var rows = selected.Select(key => new ComparisonRow(key, items.Select((item, i) => i == baselineIndex
            ? new ComparisonCell(item, true, item.Get(key), null, null, null)
            : ComparisonCell.Against(item, item.Get(key), baseline.Get(key))).ToList())).ToList();
        return new Comparison(items, baselineIndex, rows);
    }
}
