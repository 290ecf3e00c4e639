using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>One compared metric: every item's entry, in item order (the baseline's included).</summary>
/// <param name="Key">The flattened metric key (<c>path.value</c>).</param>
/// <param name="Cells">One entry per item, in item order.</param>
public sealed record ComparisonRow(string Key, IReadOnlyList<ComparisonCell> Cells)
{
    /// <summary>Whether some item's interval is disjoint from the baseline's: a significant difference.</summary>
    public bool DiffersSignificantly => Cells.Any(c => c.Overlap == IntervalOverlap.No);
}
