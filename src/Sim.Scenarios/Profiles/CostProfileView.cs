using Sim.Hypervisors.Costs;

namespace Sim.Scenarios.Profiles;

/// <summary>
/// A cost profile as plain data for the front end (<c>sim costs</c>): its header and its entries, each with its value
/// and what the value rests on, so that a presenter needs nothing of the cost model itself.
/// </summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Description">Its description (may be empty).</param>
/// <param name="CpuHertz">The CPU frequency cycles are read at, or null.</param>
/// <param name="DefaultTransport">The transport scenarios get by default, or null.</param>
/// <param name="Entries">Every entry, sorted by name (ordinal).</param>
public sealed record CostProfileView(string Name, string Description, double? CpuHertz, string? DefaultTransport, IReadOnlyList<CostEntryView> Entries)
{
    /// <summary>The provenance kinds as profiles spell them, in the order a listing groups them: source, derived, fitted, estimate.</summary>
    public static readonly IReadOnlyList<string> KindOrder =
        [.. new[] { ProvenanceKind.Source, ProvenanceKind.Derived, ProvenanceKind.Fitted, ProvenanceKind.Estimate }.Select(CostProvenance.Name)];

    /// <summary>The view of <paramref name="profile"/>.</summary>
    public static CostProfileView Of(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new CostProfileView(profile.Name, profile.Description, profile.CpuHertz, profile.DefaultTransport,
            profile.Entries.Select(CostEntryView.Of).ToList());
    }

    /// <summary>Whether the profile has an entry named <paramref name="name"/>.</summary>
    public bool Has(string name) => Entries.Any(e => e.Name == name);

    /// <summary>The entry named <paramref name="name"/>.</summary>
    public CostEntryView this[string name] => Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"cost profile '{Name}' has no entry '{name}'");
}

/// <summary>One cost-profile entry as plain data: its value and its provenance.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Kind">Its provenance kind: source, derived, fitted or estimate.</param>
/// <param name="Seconds">Its time per operation, in seconds (0 for a bandwidth).</param>
/// <param name="BytesPerSecond">Its bandwidth, for a bandwidth entry; else null.</param>
/// <param name="Range">The range of an estimate (or of any entry that declares one), in the value's unit; else null.</param>
/// <param name="Text">The citation, formula, calibration experiment or reasoning.</param>
/// <param name="Note">A note, or null.</param>
/// <param name="Formula">A derived entry's formula text; else null.</param>
/// <param name="FormulaReferences">The entries the formula names (empty without a formula).</param>
public sealed record CostEntryView(string Name, string Kind, double Seconds, double? BytesPerSecond, CostRangeView? Range, string Text, string? Note,
    string? Formula, IReadOnlyList<string> FormulaReferences)
{
    /// <summary>Whether the entry is a bandwidth rather than a time.</summary>
    public bool IsBandwidth => BytesPerSecond is not null;

    /// <summary>The view of <paramref name="entry"/>.</summary>
    public static CostEntryView Of(CostEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var provenance = entry.Provenance;
        var range = provenance.Range is { } r
            ? new CostRangeView(r.Low, r.High, r.Distribution == RangeDistribution.LogUniform ? "log-uniform" : "uniform")
            : null;
        return new CostEntryView(entry.Name, provenance.KindName, entry.PerOperation.TotalSeconds, entry.BytesPerSecond, range, provenance.Text,
            provenance.Note, entry.Formula?.Text, entry.Formula?.References ?? []);
    }
}

/// <summary>A declared range of a cost value.</summary>
/// <param name="Low">The low end, in the value's unit.</param>
/// <param name="High">The high end, in the value's unit.</param>
/// <param name="Distribution">As profiles spell it: <c>uniform</c> or <c>log-uniform</c>.</param>
public sealed record CostRangeView(double Low, double High, string Distribution);
