namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The static description of one performance domain as PERFORMANCE_DOMAIN_ATTRIBUTES and PERFORMANCE_DESCRIBE_LEVELS
/// report it (Arm DEN0056, 4.5.2.4-5). The live level and limits belong to the <see cref="IPerformanceArbiter"/>.
/// </summary>
public sealed record ScmiPerfDomain
{
    /// <summary>A domain; throws <see cref="ArgumentException"/> for an empty table, repeated performance values or a name the wire cannot carry.</summary>
    /// <param name="name">Name, at most 15 printable ASCII characters.</param>
    /// <param name="levels">The level table, in the order DESCRIBE_LEVELS returns it.</param>
    /// <param name="flags">The attributes word (which of set level / set limits / notifications the agents may use).</param>
    /// <param name="rateLimitUs">rate_limit in µs (bits [19:0]).</param>
    /// <param name="sustainedFreqKhz">Sustained frequency in kHz.</param>
    /// <param name="sustainedPerfLevel">The level matching the sustained frequency.</param>
    public ScmiPerfDomain(string name, IReadOnlyList<ScmiPerfLevel> levels, ScmiPerfDomainFlags flags,
        uint rateLimitUs = 0, uint sustainedFreqKhz = 0, uint sustainedPerfLevel = 0)
    {
        if (name.Length >= ScmiPerfLayout.DomainAttributes.NameSize || name.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"domain name '{name}' must be at most {ScmiPerfLayout.DomainAttributes.NameSize - 1} printable ASCII characters", nameof(name));
        if (levels.Count == 0) throw new ArgumentException($"domain '{name}' has no levels", nameof(levels));
        if (levels.Select(l => l.PerformanceValue).Distinct().Count() != levels.Count)
            throw new ArgumentException($"domain '{name}' repeats a performance value", nameof(levels));
        if (rateLimitUs > ScmiPerfLayout.DomainAttributes.RateLimitMask)
            throw new ArgumentOutOfRangeException(nameof(rateLimitUs), rateLimitUs, "rate_limit has 20 bits");
        Name = name;
        Levels = levels.ToArray();
        Flags = flags;
        RateLimitUs = rateLimitUs;
        SustainedFreqKhz = sustainedFreqKhz;
        SustainedPerfLevel = sustainedPerfLevel;
    }

    /// <summary>The domain name.</summary>
    public string Name { get; }

    /// <summary>The level table.</summary>
    public IReadOnlyList<ScmiPerfLevel> Levels { get; }

    /// <summary>The attributes word.</summary>
    public ScmiPerfDomainFlags Flags { get; }

    /// <summary>rate_limit in µs.</summary>
    public uint RateLimitUs { get; }

    /// <summary>Sustained frequency in kHz.</summary>
    public uint SustainedFreqKhz { get; }

    /// <summary>The sustained performance level.</summary>
    public uint SustainedPerfLevel { get; }

    /// <summary>Whether every bit of <paramref name="flag"/> is set.</summary>
    public bool Has(ScmiPerfDomainFlags flag) => (Flags & flag) == flag;

    /// <summary>Whether <paramref name="perfValue"/> is one of the table's performance values.</summary>
    public bool HasLevel(uint perfValue) => Levels.Any(l => l.PerformanceValue == perfValue);

    /// <summary>
    /// Whether PERFORMANCE_LEVEL_SET takes any performance value from 0 to <see cref="MaxPerformanceValue"/>, not only
    /// the table's values. Off by default: DEN0056 domains are discrete, and a value not in the table is OUT_OF_RANGE.
    /// On, on purpose, for a domain whose value is a quantity rather than an index (the bus domain, where an agent
    /// states its bandwidth need in kB/s and the platform picks the level): a departure from discrete SCMI domains.
    /// </summary>
    public bool AcceptsAnyValue { get; init; }

    /// <summary>The largest performance value of the table.</summary>
    public uint MaxPerformanceValue => Levels.Max(l => l.PerformanceValue);

    /// <summary>Whether PERFORMANCE_LEVEL_SET may ask for <paramref name="perfValue"/>: a table value, or with <see cref="AcceptsAnyValue"/> any value up to <see cref="MaxPerformanceValue"/>.</summary>
    public bool AcceptsLevel(uint perfValue) => AcceptsAnyValue ? perfValue <= MaxPerformanceValue : HasLevel(perfValue);
}
