using Sim.Core.Time;

namespace Sim.Hypervisors.Costs;

/// <summary>
/// One cost of a profile: either a fixed time per operation (given as a time or as CPU cycles at the profile's
/// frequency) or a bandwidth (bytes per second, for copies and transfers), and where the figure comes from.
/// </summary>
/// <param name="Name">The cost's name, e.g. <c>notify.kick</c>.</param>
/// <param name="PerOperation">The time per operation (zero for a bandwidth).</param>
/// <param name="BytesPerSecond">The bandwidth, or null for a per-operation cost.</param>
/// <param name="Source">The publication, measurement or reasoning behind the figure ("estimate: ..." when there is none).</param>
public sealed record CostEntry(string Name, SimTime PerOperation, double? BytesPerSecond, string Source)
{
    /// <summary>The time to move <paramref name="bytes"/> at this entry's bandwidth (rounded up to a picosecond).</summary>
    public SimTime ForBytes(long bytes)
    {
        if (BytesPerSecond is not { } rate) throw new InvalidOperationException($"cost '{Name}' is a time per operation, not a bandwidth");
        return SimTime.ForBytesAtRate(bytes, (long)Math.Round(rate));
    }
}

/// <summary>
/// A named, cited set of costs (e.g. <c>kvm-x86</c>, <c>xen-x86</c>, <c>xen-arm64</c>): every delay a model
/// charges comes from here, never from a constant in code. Plain data; a scenario picks one and may override entries.
/// </summary>
public sealed class CostProfile
{
    private readonly Dictionary<string, CostEntry> _entries;

    /// <summary>A profile with <paramref name="entries"/>.</summary>
    public CostProfile(string name, string description, IEnumerable<CostEntry> entries)
    {
        Name = name;
        Description = description;
        _entries = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>The profile's name.</summary>
    public string Name { get; }

    /// <summary>What the profile models.</summary>
    public string Description { get; }

    /// <summary>Every entry, by name (ordinal).</summary>
    public IReadOnlyList<CostEntry> Entries => _entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    /// <summary>The entry named <paramref name="name"/>; throws naming the profile and the known names if absent.</summary>
    public CostEntry this[string name] => _entries.TryGetValue(name, out var entry)
        ? entry
        : throw new KeyNotFoundException($"cost profile '{Name}' has no cost '{name}' (it has: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The time per operation of <paramref name="name"/>.</summary>
    public SimTime Time(string name) => this[name].PerOperation;

    /// <summary>The time to move <paramref name="bytes"/> at the bandwidth <paramref name="name"/>.</summary>
    public SimTime ForBytes(string name, long bytes) => this[name].ForBytes(bytes);

    /// <summary>Whether the profile has an entry <paramref name="name"/>.</summary>
    public bool Has(string name) => _entries.ContainsKey(name);

    /// <summary>This profile with <paramref name="overrides"/> replacing (or adding) entries.</summary>
    public CostProfile With(IEnumerable<CostEntry> overrides)
    {
        var merged = new Dictionary<string, CostEntry>(_entries, StringComparer.Ordinal);
        foreach (var entry in overrides) merged[entry.Name] = entry;
        return new CostProfile(Name, Description, merged.Values);
    }
}
