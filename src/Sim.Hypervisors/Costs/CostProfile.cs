using Sim.Core.Costs;
using Sim.Core.Time;

namespace Sim.Hypervisors.Costs;

/// <summary>
/// One cost of a profile: either a fixed time per operation (given as a time or as CPU cycles at the profile's
/// frequency) or a bandwidth (bytes per second, for copies and transfers), and what the figure rests on.
/// </summary>
/// <param name="Name">The cost's name, e.g. <c>kvm.exit.fastMmio</c>.</param>
/// <param name="PerOperation">The time per operation (zero for a bandwidth).</param>
/// <param name="BytesPerSecond">The bandwidth, or null for a per-operation cost.</param>
/// <param name="Source">The provenance's words (citation, formula, experiment or reasoning), for one-line explanations.</param>
public sealed record CostEntry(string Name, SimTime PerOperation, double? BytesPerSecond, string Source)
{
    /// <summary>What the value rests on; a <see cref="ProvenanceKind.Source"/> with <see cref="Source"/> unless given.</summary>
    public CostProvenance Provenance { get; init; } = new(ProvenanceKind.Source, Source);

    /// <summary>The formula of a derived entry (parsed), else null.</summary>
    public CostFormula? Formula { get; init; }

    /// <summary>
    /// The value as the profile gave it in CPU cycles, or null when it was given as a time or a bandwidth. A profile that
    /// extends this one at another <c>cpuFrequency</c> reads these cycles at its own clock (<see cref="CostProfile.AtFrequency"/>).
    /// </summary>
    public double? Cycles { get; init; }

    /// <summary>Whether the entry is a bandwidth rather than a time per operation.</summary>
    public bool IsBandwidth => BytesPerSecond is not null;

    /// <summary>The value as a formula quantity: a time in seconds or a bandwidth in B/s.</summary>
    public CostQuantity Quantity => BytesPerSecond is { } rate
        ? new CostQuantity(QuantityKind.Rate, rate)
        : new CostQuantity(QuantityKind.Time, PerOperation.TotalSeconds);

    /// <summary>The time to move <paramref name="bytes"/> at this entry's bandwidth (rounded up to a picosecond).</summary>
    public SimTime ForBytes(long bytes)
    {
        if (BytesPerSecond is not { } rate) throw new InvalidOperationException($"cost '{Name}' is a time per operation, not a bandwidth");
        return SimTime.ForBytesAtRate(bytes, (long)Math.Round(rate));
    }

    /// <summary>This entry with the value <paramref name="value"/> (a time in seconds or a bandwidth in B/s).</summary>
    public CostEntry WithQuantity(CostQuantity value) => value.Kind == QuantityKind.Rate
        ? this with { PerOperation = SimTime.Zero, BytesPerSecond = value.Value }
        : this with { PerOperation = SimTime.FromSeconds(value.Value), BytesPerSecond = null };
}

/// <summary>
/// A named, cited set of costs (e.g. <c>kvm-x86</c>, <c>xen-x86</c>, <c>xen-arm64</c>): every delay a model
/// charges comes from here, never from a constant in code. Derived entries are computed from their formulas whenever
/// the profile is built, overrides included, so a derived cost always agrees with the entries it names. Plain data; a
/// scenario picks one and may override entries.
/// </summary>
public sealed class CostProfile
{
    private readonly Dictionary<string, CostEntry> _entries;

    /// <summary>
    /// A profile with <paramref name="entries"/>; derived entries are evaluated (a cycle, an unknown name or a unit
    /// mismatch throws <see cref="CostProfileException"/> naming the entry).
    /// </summary>
    public CostProfile(string name, string description, IEnumerable<CostEntry> entries, double? cpuHertz = null, string? defaultTransport = null)
    {
        Name = name;
        Description = description;
        CpuHertz = cpuHertz;
        DefaultTransport = defaultTransport;
        _entries = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        ResolveDerived();
    }

    /// <summary>The profile's name.</summary>
    public string Name { get; }

    /// <summary>What the profile models.</summary>
    public string Description { get; }

    /// <summary>The CPU frequency cycle counts are read at, if the profile gives one.</summary>
    public double? CpuHertz { get; }

    /// <summary>The virtio transport devices use unless a scenario says otherwise (<c>pci</c> on x86, <c>mmio</c> on Arm); null: the simulator's default.</summary>
    public string? DefaultTransport { get; }

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

    /// <summary>Entry <paramref name="name"/> as a chargeable time per operation.</summary>
    public CostItem CostOf(string name) => CostItem.Of(name, Time(name));

    /// <summary>Entry <paramref name="name"/> as a chargeable bandwidth; throws when it is not one.</summary>
    public CostRate RateOf(string name) => CostRate.Of(name, this[name].BytesPerSecond
        ?? throw new InvalidOperationException($"cost profile '{Name}': '{name}' must be a bandwidth (e.g. 13GB/s)"));

    /// <summary>Whether the profile has an entry <paramref name="name"/>.</summary>
    public bool Has(string name) => _entries.ContainsKey(name);

    /// <summary>
    /// This profile on a CPU clocked at <paramref name="hertz"/>: every entry given in cycles takes its cycles at the new
    /// clock (its range scaled alike), times and bandwidths stay as they are, and derived entries are recomputed. A
    /// profile for another machine extends a built-in one this way (a measured cycle count is a property of the code
    /// path, its time of the clock).
    /// </summary>
    public CostProfile AtFrequency(double hertz)
    {
        if (!(hertz > 0) || !double.IsFinite(hertz)) throw new ArgumentOutOfRangeException(nameof(hertz), hertz, "a CPU frequency must be positive");
        var rebased = _entries.Values.Select(entry =>
        {
            if (entry.Cycles is not { } cycles) return entry;
            double scale = CpuHertz is { } old ? old / hertz : 1;
            var provenance = entry.Provenance.Range is { } range
                ? entry.Provenance with { Range = range with { Low = range.Low * scale, High = range.High * scale } }
                : entry.Provenance;
            return entry with { PerOperation = SimTime.FromSeconds(cycles / hertz), Provenance = provenance };
        });
        return new CostProfile(Name, Description, rebased, hertz, DefaultTransport);
    }

    /// <summary>This profile with <paramref name="overrides"/> replacing (or adding) entries; derived entries are recomputed.</summary>
    public CostProfile With(IEnumerable<CostEntry> overrides)
    {
        var merged = new Dictionary<string, CostEntry>(_entries, StringComparer.Ordinal);
        foreach (var entry in overrides) merged[entry.Name] = entry;
        return new CostProfile(Name, Description, merged.Values, CpuHertz, DefaultTransport);
    }

    private void ResolveDerived()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being evaluated, true: done
        foreach (var entry in _entries.Values.Where(e => e.Formula is not null).OrderBy(e => e.Name, StringComparer.Ordinal).ToList())
            Resolve(entry.Name, state, []);
    }

    private CostQuantity Resolve(string name, Dictionary<string, bool> state, List<string> chain)
    {
        var entry = _entries[name];
        if (entry.Formula is null || (state.TryGetValue(name, out bool done) && done)) return entry.Quantity;
        if (state.ContainsKey(name))
            throw new CostProfileException(name, $"'{name}' is derived from itself: {string.Join(" -> ", chain.Append(name))}");
        state[name] = false;
        chain.Add(name);
        CostQuantity value;
        try
        {
            value = entry.Formula.Evaluate(reference =>
            {
                if (!_entries.ContainsKey(reference))
                    throw new CostProfileException(name, $"'{name}' is derived from '{reference}', which the profile does not have");
                return Resolve(reference, state, chain);
            }, CpuHertz);
        }
        catch (CostFormulaException error)
        {
            throw new CostProfileException(name, $"'{name}' = {error.Message}");
        }
        chain.RemoveAt(chain.Count - 1);
        if (value.Value < 0) throw new CostProfileException(name, $"'{name}' = {entry.Formula.Text} is negative ({value.Value:G4})");
        if (entry.Provenance.Range is { } range && (value.Value < range.Low * (1 - 1e-9) || value.Value > range.High * (1 + 1e-9)))
        {
            throw new CostProfileException(name,
                $"'{name}' = {entry.Formula.Text} comes to {value.Value:G4}, outside its declared range [{range.Low:G4}, {range.High:G4}]");
        }
        _entries[name] = entry.WithQuantity(value);
        state[name] = true;
        return value;
    }
}

/// <summary>A profile whose entries do not fit together (a derived entry that cannot be computed), naming the entry.</summary>
public sealed class CostProfileException(string entry, string problem) : Exception(problem)
{
    /// <summary>The entry at fault.</summary>
    public string Entry { get; } = entry;
}
