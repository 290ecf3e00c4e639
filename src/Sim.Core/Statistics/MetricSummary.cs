namespace Sim.Core.Statistics;

/// <summary>
/// What one metric reports at the end of a run: plain data, ready to be written to results.
/// <see cref="Values"/> are named numbers in an order fixed per kind (documented on each <see cref="MetricKind"/>
/// constant), so two runs of the same scenario produce the same output byte for byte.
/// </summary>
/// <param name="Kind">One of the <see cref="MetricKind"/> names.</param>
/// <param name="Unit">The unit of the time or quantity values (<c>s</c> for latencies); counts are unitless.</param>
/// <param name="Values">Named values, in the fixed order of the kind.</param>
public sealed record MetricSummary(string Kind, string Unit, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value has that name; the message lists the names there are.</exception>
    public double Get(string name)
    {
        foreach (var pair in Values)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal)) return pair.Value;
        }
        var names = string.Join(", ", Values.Select(pair => pair.Key));
        throw new KeyNotFoundException($"a {Kind} summary has no value '{name}'; it has: {names}");
    }
}
