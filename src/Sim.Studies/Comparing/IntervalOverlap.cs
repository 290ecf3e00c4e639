using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>Whether two compared values' confidence intervals overlap (see <see cref="ComparedValue.OverlapWith"/>).</summary>
public enum IntervalOverlap
{
    /// <summary>Neither value has an interval: nothing to say.</summary>
    NotApplicable,

    /// <summary>The intervals overlap (or the interval holds the other mean): no significant difference shown.</summary>
    Yes,

    /// <summary>The intervals are disjoint (or the interval excludes the other mean): a significant difference.</summary>
    No,
}
