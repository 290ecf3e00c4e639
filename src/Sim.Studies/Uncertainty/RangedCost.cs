using Sim.Hypervisors.Costs;

namespace Sim.Studies.Uncertainty;

/// <summary>
/// A cost the analysis varies: a profile entry with a declared range (every <c>estimate:</c> has one, issue 19), not
/// derived (a derived entry moves with the entries its formula names), in the entry's unit (seconds, or bytes per
/// second for a bandwidth).
/// </summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Value">Its value in the profile.</param>
/// <param name="Range">Its range and distribution.</param>
/// <param name="IsBandwidth">Whether it is a bandwidth (B/s) rather than a time (s).</param>
public sealed record RangedCost(string Name, double Value, CostRange Range, bool IsBandwidth)
{
    /// <summary>The value's unit in SI base form: "s" or "B/s".</summary>
    public string Unit => IsBandwidth ? "B/s" : "s";

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0 to 1) of the range: linear for a uniform range, geometric for a
    /// log-uniform one.
    /// </summary>
    public double At(double q) => Range.Distribution == RangeDistribution.LogUniform && Range.Low > 0
        ? Range.Low * Math.Pow(Range.High / Range.Low, q)
        : Range.Low + q * (Range.High - Range.Low);

    /// <summary>
    /// The ranged, non-derived entries of <paramref name="profile"/> that matter to a run: those in
    /// <paramref name="charged"/> (the entries a run's ledgers charged) and those a charged derived entry's formula
    /// names, directly or through other derived entries; in name order.
    /// </summary>
    public static IReadOnlyList<RangedCost> Of(CostProfile profile, IReadOnlySet<string> charged)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var relevant = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(charged.Where(profile.Has));
        while (pending.TryPop(out string? name))
        {
            if (!relevant.Add(name)) continue;
            if (profile[name].Formula is { } formula)
                foreach (string input in formula.References.Where(profile.Has)) pending.Push(input);
        }
        return relevant.Select(name => profile[name])
            .Where(e => e.Formula is null && e.Provenance.Range is { } r && r.High > r.Low)
            .Select(e => new RangedCost(e.Name, e.Quantity.Value, e.Provenance.Range!, e.IsBandwidth))
            .ToList();
    }

    /// <summary>
    /// The entry names a run's flattened values show charged: <c>PATH/costs.ENTRY.count</c> above zero (every actor's
    /// cost ledger).
    /// </summary>
    public static IReadOnlySet<string> Charged(IEnumerable<KeyValuePair<string, double>> values)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            int at = key.IndexOf("/costs.", StringComparison.Ordinal);
            if (at < 0 || value <= 0 || !key.EndsWith(".count", StringComparison.Ordinal)) continue;
            names.Add(key[(at + "/costs.".Length)..^".count".Length]);
        }
        return names;
    }
}
