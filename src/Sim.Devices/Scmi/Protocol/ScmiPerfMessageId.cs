namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// Message ids of the SCMI performance domain management protocol, 0x13 (Arm DEN0056, 4.5.2 "Commands" and its
/// "Notifications"; Linux <c>drivers/firmware/arm_scmi/perf.c</c>, <c>enum scmi_performance_protocol_cmd</c>).
/// Commands 0x0..0x2 are common to every protocol (DEN0056, 4.1.3).
/// </summary>
public enum ScmiPerfMessageId : byte
{
    /// <summary>PROTOCOL_VERSION (0x0): returns the protocol version.</summary>
    ProtocolVersion = 0x0,

    /// <summary>PROTOCOL_ATTRIBUTES (0x1): number of domains, power unit, statistics region.</summary>
    ProtocolAttributes = 0x1,

    /// <summary>PROTOCOL_MESSAGE_ATTRIBUTES (0x2): whether a message is implemented, and its attributes.</summary>
    ProtocolMessageAttributes = 0x2,

    /// <summary>PERFORMANCE_DOMAIN_ATTRIBUTES (0x3).</summary>
    DomainAttributes = 0x3,

    /// <summary>PERFORMANCE_DESCRIBE_LEVELS (0x4): a page of the domain's level table.</summary>
    DescribeLevels = 0x4,

    /// <summary>PERFORMANCE_LIMITS_SET (0x5).</summary>
    LimitsSet = 0x5,

    /// <summary>PERFORMANCE_LIMITS_GET (0x6).</summary>
    LimitsGet = 0x6,

    /// <summary>PERFORMANCE_LEVEL_SET (0x7).</summary>
    LevelSet = 0x7,

    /// <summary>PERFORMANCE_LEVEL_GET (0x8).</summary>
    LevelGet = 0x8,

    /// <summary>PERFORMANCE_NOTIFY_LIMITS (0x9): (un)subscribe to PERFORMANCE_LIMITS_CHANGED.</summary>
    NotifyLimits = 0x9,

    /// <summary>PERFORMANCE_NOTIFY_LEVEL (0xA): (un)subscribe to PERFORMANCE_LEVEL_CHANGED.</summary>
    NotifyLevel = 0xA,
}

/// <summary>Notification message ids of the performance protocol (DEN0056, 4.5, notifications), sent with type <see cref="ScmiMessageType.Notification"/>.</summary>
public enum ScmiPerfNotificationId : byte
{
    /// <summary>PERFORMANCE_LIMITS_CHANGED (0x0). Not produced by this simulator yet.</summary>
    LimitsChanged = 0x0,

    /// <summary>PERFORMANCE_LEVEL_CHANGED (0x1): payload agent_id, domain_id, performance_level.</summary>
    LevelChanged = 0x1,
}
