using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// One side of a comparison: a single run's results, or one point of a study, with every metric value flattened to
/// <c>path.value</c> keys (as in a study's results).
/// </summary>
/// <param name="Label">How tables name it: the directory (or file) name, plus <c>#index (label)</c> for a study point.</param>
/// <param name="Source">The results file it was read from.</param>
/// <param name="Metrics">Its metric values by flattened key.</param>
public sealed record ComparedItem(string Label, string Source, IReadOnlyDictionary<string, ComparedValue> Metrics)
{
    /// <summary>The value of <paramref name="key"/>; null when this item does not have it.</summary>
    public ComparedValue? Get(string key) => Metrics.GetValueOrDefault(key);
}
