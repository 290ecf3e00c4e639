namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The attributes word of PERFORMANCE_DOMAIN_ATTRIBUTES (Arm DEN0056, 4.5.2.4; Linux <c>perf.c</c>
/// <c>SUPPORTS_SET_LIMITS</c> .. <c>SUPPORTS_PERF_FASTCHANNELS</c>): bit 31 the agent may set limits, 30 it may set
/// the level, 29 limit-change notifications, 28 level-change notifications, 27 fastchannels. Other bits are reserved
/// in protocol version 1.0.
/// </summary>
[Flags]
public enum ScmiPerfDomainFlags : uint
{
    /// <summary>Nothing supported.</summary>
    None = 0,

    /// <summary>Bit 27: fastchannels (the simulator never sets it: DESCRIBE_FASTCHANNEL is not implemented).</summary>
    Fastchannels = 1u << 27,

    /// <summary>Bit 28: PERFORMANCE_LEVEL_CHANGED notifications are supported.</summary>
    LevelNotifications = 1u << 28,

    /// <summary>Bit 29: PERFORMANCE_LIMITS_CHANGED notifications are supported.</summary>
    LimitsNotifications = 1u << 29,

    /// <summary>Bit 30: the agent may use PERFORMANCE_LEVEL_SET.</summary>
    CanSetLevel = 1u << 30,

    /// <summary>Bit 31: the agent may use PERFORMANCE_LIMITS_SET.</summary>
    CanSetLimits = 1u << 31,
}
