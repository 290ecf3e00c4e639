using System.Buffers.Binary;
using L = Sim.Devices.Scmi.Protocol.ScmiPerfLayout;
using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// Encodes and decodes performance protocol command payloads (the bytes after the <see cref="ScmiHeader"/>; Arm
/// DEN0056, 4.5.2; offsets in <see cref="ScmiPerfLayout"/>), little-endian.
/// <para>
/// Length rule, as SCP-firmware's <c>scmi_perf_message_handler</c> applies it: a payload whose length differs from the
/// message's fixed size (shorter or longer) decodes to <see cref="ScmiStatus.ProtocolError"/>, never an exception; an
/// unknown message id decodes to <see cref="ScmiStatus.NotSupported"/> (DEN0056, 4.1.4).
/// </para>
/// </summary>
public static class ScmiPerfRequestCodec
{
    /// <summary>The fixed payload size of <paramref name="id"/>'s command.</summary>
    public static int RequestSize(ScmiPerfMessageId id) => id switch
    {
        ScmiPerfMessageId.ProtocolVersion => L.Version.RequestSize,
        ScmiPerfMessageId.ProtocolAttributes => L.ProtocolAttributes.RequestSize,
        ScmiPerfMessageId.ProtocolMessageAttributes => L.MessageAttributes.RequestSize,
        ScmiPerfMessageId.DomainAttributes => L.DomainAttributes.RequestSize,
        ScmiPerfMessageId.DescribeLevels => L.DescribeLevels.RequestSize,
        ScmiPerfMessageId.LimitsSet => L.LimitsSet.RequestSize,
        ScmiPerfMessageId.LimitsGet => L.LimitsGet.RequestSize,
        ScmiPerfMessageId.LevelSet => L.LevelSet.RequestSize,
        ScmiPerfMessageId.LevelGet => L.LevelGet.RequestSize,
        ScmiPerfMessageId.NotifyLimits or ScmiPerfMessageId.NotifyLevel => L.Notify.RequestSize,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a performance protocol command"),
    };

    /// <summary>Whether <paramref name="messageId"/> is a command this codec knows.</summary>
    public static bool IsKnown(byte messageId) => messageId <= (byte)ScmiPerfMessageId.NotifyLevel;

    /// <summary>The payload bytes of <paramref name="request"/>.</summary>
    public static byte[] Encode(ScmiPerfRequest request)
    {
        var bytes = new byte[RequestSize(request.MessageId)];
        var span = bytes.AsSpan();
        switch (request)
        {
            case PerfProtocolVersionRequest or PerfProtocolAttributesRequest:
                break;
            case PerfProtocolMessageAttributesRequest r:
                Put(span, L.MessageAttributes.RequestMessageId, r.QueriedMessageId);
                break;
            case PerfDomainAttributesRequest r:
                Put(span, L.DomainAttributes.RequestDomain, r.Domain);
                break;
            case PerfDescribeLevelsRequest r:
                Put(span, L.DescribeLevels.RequestDomain, r.Domain);
                Put(span, L.DescribeLevels.RequestLevelIndex, r.LevelIndex);
                break;
            case PerfLimitsSetRequest r:
                Put(span, L.LimitsSet.RequestDomain, r.Domain);
                Put(span, L.LimitsSet.RequestRangeMax, r.RangeMax);
                Put(span, L.LimitsSet.RequestRangeMin, r.RangeMin);
                break;
            case PerfLimitsGetRequest r:
                Put(span, L.LimitsGet.RequestDomain, r.Domain);
                break;
            case PerfLevelSetRequest r:
                Put(span, L.LevelSet.RequestDomain, r.Domain);
                Put(span, L.LevelSet.RequestLevel, r.Level);
                break;
            case PerfLevelGetRequest r:
                Put(span, L.LevelGet.RequestDomain, r.Domain);
                break;
            case PerfNotifyLimitsRequest r:
                Put(span, L.Notify.RequestDomain, r.Domain);
                Put(span, L.Notify.RequestNotifyEnable, r.Enable ? L.Notify.EnableBit : 0);
                break;
            case PerfNotifyLevelRequest r:
                Put(span, L.Notify.RequestDomain, r.Domain);
                Put(span, L.Notify.RequestNotifyEnable, r.Enable ? L.Notify.EnableBit : 0);
                break;
            default:
                throw new ArgumentException($"unknown request record {request.GetType().Name}", nameof(request));
        }
        return bytes;
    }

    /// <summary>
    /// Decodes the payload of command <paramref name="messageId"/>: a request, NOT_SUPPORTED for an unknown id, or
    /// PROTOCOL_ERROR when <paramref name="payload"/> is not exactly the command's size.
    /// </summary>
    public static ScmiPerfRequestDecode Decode(byte messageId, ReadOnlySpan<byte> payload)
    {
        if (!IsKnown(messageId)) return new(null, ScmiStatus.NotSupported);
        var id = (ScmiPerfMessageId)messageId;
        if (payload.Length != RequestSize(id)) return new(null, ScmiStatus.ProtocolError);
        ScmiPerfRequest request = id switch
        {
            ScmiPerfMessageId.ProtocolVersion => new PerfProtocolVersionRequest(),
            ScmiPerfMessageId.ProtocolAttributes => new PerfProtocolAttributesRequest(),
            ScmiPerfMessageId.ProtocolMessageAttributes => new PerfProtocolMessageAttributesRequest(Get(payload, L.MessageAttributes.RequestMessageId)),
            ScmiPerfMessageId.DomainAttributes => new PerfDomainAttributesRequest(Get(payload, L.DomainAttributes.RequestDomain)),
            ScmiPerfMessageId.DescribeLevels => new PerfDescribeLevelsRequest(
                Get(payload, L.DescribeLevels.RequestDomain), Get(payload, L.DescribeLevels.RequestLevelIndex)),
            ScmiPerfMessageId.LimitsSet => new PerfLimitsSetRequest(
                Get(payload, L.LimitsSet.RequestDomain), Get(payload, L.LimitsSet.RequestRangeMax), Get(payload, L.LimitsSet.RequestRangeMin)),
            ScmiPerfMessageId.LimitsGet => new PerfLimitsGetRequest(Get(payload, L.LimitsGet.RequestDomain)),
            ScmiPerfMessageId.LevelSet => new PerfLevelSetRequest(Get(payload, L.LevelSet.RequestDomain), Get(payload, L.LevelSet.RequestLevel)),
            ScmiPerfMessageId.LevelGet => new PerfLevelGetRequest(Get(payload, L.LevelGet.RequestDomain)),
            ScmiPerfMessageId.NotifyLimits => new PerfNotifyLimitsRequest(Get(payload, L.Notify.RequestDomain), Enabled(payload)),
            _ => new PerfNotifyLevelRequest(Get(payload, L.Notify.RequestDomain), Enabled(payload)),
        };
        return new(request, ScmiStatus.Success);
    }

    private static bool Enabled(ReadOnlySpan<byte> payload) => (Get(payload, L.Notify.RequestNotifyEnable) & L.Notify.EnableBit) != 0;

    private static void Put(Span<byte> bytes, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes[offset..], value);

    private static uint Get(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
