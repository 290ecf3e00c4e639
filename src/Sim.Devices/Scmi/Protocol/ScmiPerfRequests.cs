using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// A decoded performance protocol command (agent to platform), one record per message of Arm DEN0056, 4.5.2; the
/// payload layouts are in <see cref="ScmiPerfLayout"/> and <see cref="ScmiPerfRequestCodec"/> turns them into bytes.
/// </summary>
public abstract record ScmiPerfRequest
{
    /// <summary>The message id this request is sent with.</summary>
    public abstract ScmiPerfMessageId MessageId { get; }
}

/// <summary>PROTOCOL_VERSION (0x0): no parameters.</summary>
public sealed record PerfProtocolVersionRequest : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolVersion;
}

/// <summary>PROTOCOL_ATTRIBUTES (0x1): no parameters.</summary>
public sealed record PerfProtocolAttributesRequest : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolAttributes;
}

/// <summary>PROTOCOL_MESSAGE_ATTRIBUTES (0x2).</summary>
/// <param name="QueriedMessageId">The message id asked about.</param>
public sealed record PerfProtocolMessageAttributesRequest(uint QueriedMessageId) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.ProtocolMessageAttributes;
}

/// <summary>PERFORMANCE_DOMAIN_ATTRIBUTES (0x3).</summary>
/// <param name="Domain">domain_id.</param>
public sealed record PerfDomainAttributesRequest(uint Domain) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.DomainAttributes;
}

/// <summary>PERFORMANCE_DESCRIBE_LEVELS (0x4).</summary>
/// <param name="Domain">domain_id.</param>
/// <param name="LevelIndex">Index of the first level to describe.</param>
public sealed record PerfDescribeLevelsRequest(uint Domain, uint LevelIndex) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.DescribeLevels;
}

/// <summary>PERFORMANCE_LIMITS_SET (0x5); on the wire range_max comes before range_min.</summary>
/// <param name="Domain">domain_id.</param>
/// <param name="RangeMax">The highest performance level allowed.</param>
/// <param name="RangeMin">The lowest performance level allowed.</param>
public sealed record PerfLimitsSetRequest(uint Domain, uint RangeMax, uint RangeMin) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LimitsSet;
}

/// <summary>PERFORMANCE_LIMITS_GET (0x6).</summary>
/// <param name="Domain">domain_id.</param>
public sealed record PerfLimitsGetRequest(uint Domain) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LimitsGet;
}

/// <summary>PERFORMANCE_LEVEL_SET (0x7).</summary>
/// <param name="Domain">domain_id.</param>
/// <param name="Level">The requested performance level value.</param>
public sealed record PerfLevelSetRequest(uint Domain, uint Level) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LevelSet;
}

/// <summary>PERFORMANCE_LEVEL_GET (0x8).</summary>
/// <param name="Domain">domain_id.</param>
public sealed record PerfLevelGetRequest(uint Domain) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.LevelGet;
}

/// <summary>PERFORMANCE_NOTIFY_LIMITS (0x9).</summary>
/// <param name="Domain">domain_id.</param>
/// <param name="Enable">Bit 0 of notify_enable: subscribe (true) or unsubscribe.</param>
public sealed record PerfNotifyLimitsRequest(uint Domain, bool Enable) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.NotifyLimits;
}

/// <summary>PERFORMANCE_NOTIFY_LEVEL (0xA).</summary>
/// <param name="Domain">domain_id.</param>
/// <param name="Enable">Bit 0 of notify_enable: subscribe (true) or unsubscribe.</param>
public sealed record PerfNotifyLevelRequest(uint Domain, bool Enable) : ScmiPerfRequest
{
    /// <inheritdoc />
    public override ScmiPerfMessageId MessageId => ScmiPerfMessageId.NotifyLevel;
}

/// <summary>The outcome of decoding a command payload: a request, or the status to answer with instead.</summary>
/// <param name="Request">The decoded request when <see cref="Status"/> is SUCCESS, else null.</param>
/// <param name="Status">SUCCESS, NOT_SUPPORTED for an unknown message id, PROTOCOL_ERROR for a payload of the wrong length.</param>
public readonly record struct ScmiPerfRequestDecode(ScmiPerfRequest? Request, ScmiStatus Status)
{
    /// <summary>Whether a request was decoded.</summary>
    public bool IsRequest => Request is not null;
}
