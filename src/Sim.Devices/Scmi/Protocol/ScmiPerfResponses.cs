using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The return values after the status word of a successful performance protocol response (Arm DEN0056, 4.5.2), one
/// record per message that returns more than a status. LIMITS_SET, LEVEL_SET and the NOTIFY commands return the
/// status only and have no record. <see cref="ScmiPerfResponseCodec"/> turns them into bytes.
/// </summary>
public abstract record ScmiPerfResponse
{
    /// <summary>The message id of the command this answers.</summary>
    public abstract ScmiPerfMessageId MessageId { get; }
}

/// <summary>PROTOCOL_VERSION return values.</summary>
/// <param name="Version">Major version in bits [31:16], minor in [15:0].</param>
public sealed record PerfProtocolVersionResponse(uint Version) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolVersion;
}

/// <summary>PROTOCOL_ATTRIBUTES return values (DEN0056, 4.5.2.2).</summary>
/// <param name="DomainCount">Number of performance domains (attributes bits [15:0]).</param>
/// <param name="PowerInMilliwatts">Attributes bit 16: power costs are milliwatts, else abstract units.</param>
/// <param name="StatsAddressLow">Low word of the statistics shared memory address (0: none).</param>
/// <param name="StatsAddressHigh">High word of the statistics shared memory address.</param>
/// <param name="StatsLength">Length of the statistics region in bytes (0: none).</param>
public sealed record PerfProtocolAttributesResponse(
    ushort DomainCount, bool PowerInMilliwatts, uint StatsAddressLow, uint StatsAddressHigh, uint StatsLength) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolAttributes;
}

/// <summary>PROTOCOL_MESSAGE_ATTRIBUTES return values (DEN0056, 4.1.3).</summary>
/// <param name="Attributes">Message attributes (0 for every message this simulator implements: no fastchannel).</param>
public sealed record PerfProtocolMessageAttributesResponse(uint Attributes) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolMessageAttributes;
}

/// <summary>PERFORMANCE_DOMAIN_ATTRIBUTES return values (DEN0056, 4.5.2.4).</summary>
/// <param name="Flags">The attributes word.</param>
/// <param name="RateLimitUs">rate_limit: minimum µs between level changes the agent should keep (bits [19:0]; upper bits reserved, kept as given).</param>
/// <param name="SustainedFreqKhz">Sustained frequency in kHz.</param>
/// <param name="SustainedPerfLevel">The performance level matching the sustained frequency.</param>
/// <param name="Name">The domain name, at most 15 ASCII characters (16 bytes with the NUL on the wire).</param>
public sealed record PerfDomainAttributesResponse(
    ScmiPerfDomainFlags Flags, uint RateLimitUs, uint SustainedFreqKhz, uint SustainedPerfLevel, string Name) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.DomainAttributes;
}

/// <summary>PERFORMANCE_DESCRIBE_LEVELS return values (DEN0056, 4.5.2.5): one page of the level table.</summary>
/// <param name="Levels">The entries returned, from the requested level_index on (at most <see cref="ScmiPerfLayout.DescribeLevels.MaxReturned"/>).</param>
/// <param name="Remaining">How many entries of the table follow the returned ones.</param>
public sealed record PerfDescribeLevelsResponse(IReadOnlyList<ScmiPerfLevel> Levels, ushort Remaining) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.DescribeLevels;

    /// <summary>Equal when both pages hold the same entries in the same order and the same remaining count.</summary>
    public bool Equals(PerfDescribeLevelsResponse? other) =>
        other is not null && Remaining == other.Remaining && Levels.SequenceEqual(other.Levels);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Remaining);
        foreach (var level in Levels) hash.Add(level);
        return hash.ToHashCode();
    }
}

/// <summary>PERFORMANCE_LIMITS_GET return values (DEN0056, 4.5.2.7); on the wire range_max comes first.</summary>
/// <param name="RangeMax">The highest allowed level.</param>
/// <param name="RangeMin">The lowest allowed level.</param>
public sealed record PerfLimitsGetResponse(uint RangeMax, uint RangeMin) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LimitsGet;
}

/// <summary>PERFORMANCE_LEVEL_GET return values (DEN0056, 4.5.2.9).</summary>
/// <param name="Level">The domain's current performance level.</param>
public sealed record PerfLevelGetResponse(uint Level) : ScmiPerfResponse
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LevelGet;
}

/// <summary>A response as the agent sees it: the status, and the return values when it is SUCCESS and the message has any.</summary>
/// <param name="Status">The status word.</param>
/// <param name="Body">The return values; null when the status is not SUCCESS or the message returns the status only.</param>
public readonly record struct ScmiPerfReply(ScmiStatus Status, ScmiPerfResponse? Body)
{
    /// <summary>A reply carrying only <paramref name="status"/>.</summary>
    public static ScmiPerfReply Of(ScmiStatus status) => new(status, null);

    /// <summary>A SUCCESS reply with <paramref name="body"/>.</summary>
    public static ScmiPerfReply Ok(ScmiPerfResponse? body = null) => new(ScmiStatus.Success, body);
}
