using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi;

/// <summary>
/// Byte layout of the SCMI performance protocol payloads (Arm DEN0056, 4.5; Linux
/// <c>drivers/firmware/arm_scmi/perf.c</c> structs <c>scmi_msg_*</c>; SCP-firmware
/// <c>module/scmi_perf/include/internal/scmi_perf.h</c>). Every field is a little-endian 32-bit word unless said
/// otherwise. Offsets count from the first byte after the 4-byte <see cref="ScmiHeader"/>; response offsets count from
/// the status word, which every response starts with. A response whose status is not SUCCESS carries the status only.
/// </summary>
public static class ScmiPerfLayout
{
    /// <summary>Protocol id of the performance domain management protocol.</summary>
    public const byte ProtocolId = 0x13;

    /// <summary>
    /// The version this simulator reports: 1.0 (major in bits [31:16], minor in [15:0]). Versions 1-3 share the
    /// 12-byte level entry of <see cref="Level"/>; version 4 added fields to it, so the simulator must not claim 4.
    /// </summary>
    public const uint ProtocolVersion = 0x0001_0000;

    /// <summary>Size of the status word that starts every response (<see cref="ScmiStatus"/>, signed).</summary>
    public const int StatusSize = 4;

    /// <summary>Offset of the status word in a response.</summary>
    public const int StatusOffset = 0;

    /// <summary>PROTOCOL_VERSION: no request payload; response status, version.</summary>
    public static class Version
    {
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 0;
        /// <summary>version u32.</summary>
        public const int ResponseVersion = 4;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 8;
    }

    /// <summary>
    /// PROTOCOL_ATTRIBUTES (DEN0056, 4.5.2.2): no request payload; response status, attributes (number of domains in
    /// bits [15:0], power in milliwatts bit 16), statistics address low, high, statistics length.
    /// </summary>
    public static class ProtocolAttributes
    {
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 0;
        /// <summary>attributes u32.</summary>
        public const int ResponseAttributes = 4;
        /// <summary>statistics_address_low u32.</summary>
        public const int ResponseStatsAddressLow = 8;
        /// <summary>statistics_address_high u32.</summary>
        public const int ResponseStatsAddressHigh = 12;
        /// <summary>statistics_len u32.</summary>
        public const int ResponseStatsLength = 16;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 20;
        /// <summary>Mask of the domain count in attributes.</summary>
        public const uint NumDomainsMask = 0xFFFF;
        /// <summary>Attributes bit: power costs are in milliwatts (else abstract units).</summary>
        public const uint PowerInMilliwatts = 1u << 16;
    }

    /// <summary>PROTOCOL_MESSAGE_ATTRIBUTES (DEN0056, 4.1.3): request message_id; response status, attributes.</summary>
    public static class MessageAttributes
    {
        /// <summary>message_id u32.</summary>
        public const int RequestMessageId = 0;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 4;
        /// <summary>attributes u32.</summary>
        public const int ResponseAttributes = 4;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 8;
    }

    /// <summary>
    /// PERFORMANCE_DOMAIN_ATTRIBUTES (DEN0056, 4.5.2.4): request domain_id; response status, attributes
    /// (<see cref="ScmiPerfDomainFlags"/>), rate_limit (µs, bits [19:0]), sustained_freq (kHz), sustained_perf_level,
    /// name (16 bytes, NUL-terminated ASCII).
    /// </summary>
    public static class DomainAttributes
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 4;
        /// <summary>attributes u32.</summary>
        public const int ResponseAttributes = 4;
        /// <summary>rate_limit u32.</summary>
        public const int ResponseRateLimit = 8;
        /// <summary>sustained_freq u32 (kHz).</summary>
        public const int ResponseSustainedFreqKhz = 12;
        /// <summary>sustained_perf_level u32.</summary>
        public const int ResponseSustainedPerfLevel = 16;
        /// <summary>name[16].</summary>
        public const int ResponseName = 20;
        /// <summary>Bytes of the name field, NUL included.</summary>
        public const int NameSize = 16;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 36;
        /// <summary>Mask of the rate limit in rate_limit (bits [19:0]).</summary>
        public const uint RateLimitMask = 0xF_FFFF;
    }

    /// <summary>
    /// PERFORMANCE_DESCRIBE_LEVELS (DEN0056, 4.5.2.5): request domain_id, level_index; response status, num_levels
    /// (levels returned in bits [11:0], levels remaining after them in bits [31:16]; Linux reads them as two le16
    /// <c>num_returned</c>, <c>num_remaining</c>), then the returned <see cref="Level"/> entries.
    /// </summary>
    public static class DescribeLevels
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>level_index u32: the first level to return.</summary>
        public const int RequestLevelIndex = 4;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 8;
        /// <summary>num_levels u32.</summary>
        public const int ResponseNumLevels = 4;
        /// <summary>Offset of the first level entry.</summary>
        public const int ResponseLevels = 8;
        /// <summary>Mask of the returned count in num_levels.</summary>
        public const uint ReturnedMask = 0xFFF;
        /// <summary>Bit position of the remaining count in num_levels.</summary>
        public const int RemainingShift = 16;
        /// <summary>The most entries one response can carry (the returned count has 12 bits).</summary>
        public const int MaxReturned = 0xFFF;
    }

    /// <summary>
    /// A performance level entry (DEN0056 v1-3, 4.5.2.5): performance_level u32, power_cost u32, attributes u32 whose
    /// bits [15:0] are the worst-case transition latency in µs (Linux: <c>transition_latency_us</c> le16 then a
    /// reserved le16).
    /// </summary>
    public static class Level
    {
        /// <summary>performance_level u32.</summary>
        public const int PerformanceLevel = 0;
        /// <summary>power_cost u32.</summary>
        public const int PowerCost = 4;
        /// <summary>attributes: transition latency u16 in bits [15:0].</summary>
        public const int TransitionLatency = 8;
        /// <summary>Reserved u16, written as zero.</summary>
        public const int Reserved = 10;
        /// <summary>Size of an entry.</summary>
        public const int Size = 12;
    }

    /// <summary>PERFORMANCE_LIMITS_SET (DEN0056, 4.5.2.6): request domain_id, range_max, range_min; response status.</summary>
    public static class LimitsSet
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>range_max u32.</summary>
        public const int RequestRangeMax = 4;
        /// <summary>range_min u32.</summary>
        public const int RequestRangeMin = 8;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 12;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 4;
    }

    /// <summary>PERFORMANCE_LIMITS_GET (DEN0056, 4.5.2.7): request domain_id; response status, range_max, range_min.</summary>
    public static class LimitsGet
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 4;
        /// <summary>range_max u32.</summary>
        public const int ResponseRangeMax = 4;
        /// <summary>range_min u32.</summary>
        public const int ResponseRangeMin = 8;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 12;
    }

    /// <summary>PERFORMANCE_LEVEL_SET (DEN0056, 4.5.2.8): request domain_id, performance_level; response status.</summary>
    public static class LevelSet
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>performance_level u32.</summary>
        public const int RequestLevel = 4;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 8;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 4;
    }

    /// <summary>PERFORMANCE_LEVEL_GET (DEN0056, 4.5.2.9): request domain_id; response status, performance_level.</summary>
    public static class LevelGet
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 4;
        /// <summary>performance_level u32.</summary>
        public const int ResponseLevel = 4;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 8;
    }

    /// <summary>
    /// PERFORMANCE_NOTIFY_LIMITS and PERFORMANCE_NOTIFY_LEVEL (DEN0056, 4.5.2.10-11): request domain_id, notify_enable
    /// (bit 0: 1 subscribes, 0 unsubscribes; other bits reserved); response status.
    /// </summary>
    public static class Notify
    {
        /// <summary>domain_id u32.</summary>
        public const int RequestDomain = 0;
        /// <summary>notify_enable u32.</summary>
        public const int RequestNotifyEnable = 4;
        /// <summary>Request payload size.</summary>
        public const int RequestSize = 8;
        /// <summary>Response size.</summary>
        public const int ResponseSize = 4;
        /// <summary>The enable bit of notify_enable.</summary>
        public const uint EnableBit = 1;
    }

    /// <summary>
    /// PERFORMANCE_LEVEL_CHANGED notification payload (DEN0056, 4.5, notifications; Linux <c>scmi_perf_level_notify_payld</c>):
    /// agent_id, domain_id, performance_level. Notifications carry no status word, so offsets count from the first
    /// byte after the header.
    /// </summary>
    public static class LevelChanged
    {
        /// <summary>agent_id u32: the agent whose request caused the change.</summary>
        public const int AgentId = 0;
        /// <summary>domain_id u32.</summary>
        public const int Domain = 4;
        /// <summary>performance_level u32: the new level.</summary>
        public const int PerformanceLevel = 8;
        /// <summary>Payload size.</summary>
        public const int Size = 12;
    }
}
