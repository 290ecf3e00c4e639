using System.Buffers.Binary;
using System.Text;
using L = Sim.Devices.Scmi.Protocol.ScmiPerfLayout;
using Sim.Interconnect.Aggregation;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// Encodes and decodes performance protocol responses: the signed status word, then (on SUCCESS only) the return values
/// (Arm DEN0056, 4.5.2; offsets in <see cref="ScmiPerfLayout"/>, counted from the status word). A failed response is
/// the status word alone, as SCP-firmware sends it. Decoding never throws: a response shorter than its message needs,
/// or of a SUCCESS length that does not match, decodes to <see cref="ScmiStatus.ProtocolError"/>.
/// </summary>
public static class ScmiPerfResponseCodec
{
    /// <summary>The response bytes (status, then return values) of <paramref name="reply"/> to command <paramref name="id"/>.</summary>
    public static byte[] Encode(ScmiPerfMessageId id, ScmiPerfReply reply)
    {
        if (reply.Status != ScmiStatus.Success || reply.Body is null)
        {
            if (reply.Status == ScmiStatus.Success && HasBody(id))
                throw new ArgumentException($"a SUCCESS reply to {id} needs its return values", nameof(reply));
            return EncodeStatus(reply.Status);
        }
        if (reply.Body.MessageId != id)
            throw new ArgumentException($"return values of {reply.Body.MessageId} cannot answer {id}", nameof(reply));

        byte[] bytes = reply.Body switch
        {
            PerfProtocolVersionResponse r => Words(r.Version),
            PerfProtocolAttributesResponse r => Words(
                r.DomainCount | (r.PowerInMilliwatts ? L.ProtocolAttributes.PowerInMilliwatts : 0),
                r.StatsAddressLow, r.StatsAddressHigh, r.StatsLength),
            PerfProtocolMessageAttributesResponse r => Words(r.Attributes),
            PerfDomainAttributesResponse r => DomainAttributes(r),
            PerfDescribeLevelsResponse r => DescribeLevels(r),
            PerfLimitsGetResponse r => Words(r.RangeMax, r.RangeMin),
            PerfLevelGetResponse r => Words(r.Level),
            _ => throw new ArgumentException($"unknown response record {reply.Body.GetType().Name}", nameof(reply)),
        };
        return bytes;
    }

    /// <summary>A response made of <paramref name="status"/> alone (a failure, or SUCCESS of a status-only command).</summary>
    public static byte[] EncodeStatus(ScmiStatus status)
    {
        var bytes = new byte[L.StatusSize];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)status);
        return bytes;
    }

    /// <summary>Decodes the response <paramref name="bytes"/> (from the status word on) to command <paramref name="id"/>.</summary>
    public static ScmiPerfReply Decode(ScmiPerfMessageId id, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < L.StatusSize) return ScmiPerfReply.Of(ScmiStatus.ProtocolError);
        var status = (ScmiStatus)BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (status != ScmiStatus.Success) return ScmiPerfReply.Of(status);
        if (!HasBody(id)) return bytes.Length == L.StatusSize ? ScmiPerfReply.Ok() : ScmiPerfReply.Of(ScmiStatus.ProtocolError);
        if (id == ScmiPerfMessageId.DescribeLevels) return DecodeLevels(bytes);
        if (bytes.Length != FixedSize(id)) return ScmiPerfReply.Of(ScmiStatus.ProtocolError);

        ScmiPerfResponse body = id switch
        {
            ScmiPerfMessageId.ProtocolVersion => new PerfProtocolVersionResponse(Get(bytes, L.Version.ResponseVersion)),
            ScmiPerfMessageId.ProtocolAttributes => DecodeProtocolAttributes(bytes),
            ScmiPerfMessageId.ProtocolMessageAttributes => new PerfProtocolMessageAttributesResponse(Get(bytes, L.MessageAttributes.ResponseAttributes)),
            ScmiPerfMessageId.DomainAttributes => DecodeDomainAttributes(bytes),
            ScmiPerfMessageId.LimitsGet => new PerfLimitsGetResponse(Get(bytes, L.LimitsGet.ResponseRangeMax), Get(bytes, L.LimitsGet.ResponseRangeMin)),
            _ => new PerfLevelGetResponse(Get(bytes, L.LevelGet.ResponseLevel)),
        };
        return ScmiPerfReply.Ok(body);
    }

    /// <summary>Whether a SUCCESS response to <paramref name="id"/> carries return values after the status.</summary>
    public static bool HasBody(ScmiPerfMessageId id) => id is not (ScmiPerfMessageId.LimitsSet or ScmiPerfMessageId.LevelSet
        or ScmiPerfMessageId.NotifyLimits or ScmiPerfMessageId.NotifyLevel);

    private static int FixedSize(ScmiPerfMessageId id) => id switch
    {
        ScmiPerfMessageId.ProtocolVersion => L.Version.ResponseSize,
        ScmiPerfMessageId.ProtocolAttributes => L.ProtocolAttributes.ResponseSize,
        ScmiPerfMessageId.ProtocolMessageAttributes => L.MessageAttributes.ResponseSize,
        ScmiPerfMessageId.DomainAttributes => L.DomainAttributes.ResponseSize,
        ScmiPerfMessageId.LimitsGet => L.LimitsGet.ResponseSize,
        ScmiPerfMessageId.LevelGet => L.LevelGet.ResponseSize,
        _ => L.StatusSize,
    };

    private static byte[] Words(params uint[] values)
    {
        var bytes = new byte[L.StatusSize + (4 * values.Length)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(L.StatusSize + (4 * i)), values[i]);
        return bytes; // status word left 0 = SUCCESS
    }

    private static byte[] DomainAttributes(PerfDomainAttributesResponse r)
    {
        if (r.Name.Length >= L.DomainAttributes.NameSize || r.Name.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"domain name '{r.Name}' must be at most {L.DomainAttributes.NameSize - 1} printable ASCII characters", nameof(r));
        var bytes = new byte[L.DomainAttributes.ResponseSize];
        var span = bytes.AsSpan();
        Put(span, L.DomainAttributes.ResponseAttributes, (uint)r.Flags);
        Put(span, L.DomainAttributes.ResponseRateLimit, r.RateLimitUs);
        Put(span, L.DomainAttributes.ResponseSustainedFreqKhz, r.SustainedFreqKhz);
        Put(span, L.DomainAttributes.ResponseSustainedPerfLevel, r.SustainedPerfLevel);
        Encoding.ASCII.GetBytes(r.Name, span[L.DomainAttributes.ResponseName..]);
        return bytes;
    }

    private static byte[] DescribeLevels(PerfDescribeLevelsResponse r)
    {
        if (r.Levels.Count > L.DescribeLevels.MaxReturned)
            throw new ArgumentException($"{r.Levels.Count} levels do not fit the 12-bit returned count", nameof(r));
        var bytes = new byte[L.DescribeLevels.ResponseLevels + (L.Level.Size * r.Levels.Count)];
        var span = bytes.AsSpan();
        Put(span, L.DescribeLevels.ResponseNumLevels, (uint)r.Levels.Count | ((uint)r.Remaining << L.DescribeLevels.RemainingShift));
        for (int i = 0; i < r.Levels.Count; i++)
        {
            var entry = span[(L.DescribeLevels.ResponseLevels + (L.Level.Size * i))..];
            Put(entry, L.Level.PerformanceLevel, r.Levels[i].PerformanceValue);
            Put(entry, L.Level.PowerCost, r.Levels[i].PowerCost);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[L.Level.TransitionLatency..], r.Levels[i].TransitionLatencyUs);
        }
        return bytes;
    }

    private static ScmiPerfReply DecodeLevels(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < L.DescribeLevels.ResponseLevels) return ScmiPerfReply.Of(ScmiStatus.ProtocolError);
        uint numLevels = Get(bytes, L.DescribeLevels.ResponseNumLevels);
        int returned = (int)(numLevels & L.DescribeLevels.ReturnedMask);
        if (bytes.Length != L.DescribeLevels.ResponseLevels + (L.Level.Size * returned)) return ScmiPerfReply.Of(ScmiStatus.ProtocolError);
        var levels = new ScmiPerfLevel[returned];
        for (int i = 0; i < returned; i++)
        {
            var entry = bytes[(L.DescribeLevels.ResponseLevels + (L.Level.Size * i))..];
            levels[i] = new ScmiPerfLevel(Get(entry, L.Level.PerformanceLevel), Get(entry, L.Level.PowerCost),
                BinaryPrimitives.ReadUInt16LittleEndian(entry[L.Level.TransitionLatency..]));
        }
        return ScmiPerfReply.Ok(new PerfDescribeLevelsResponse(levels, (ushort)(numLevels >> L.DescribeLevels.RemainingShift)));
    }

    private static PerfProtocolAttributesResponse DecodeProtocolAttributes(ReadOnlySpan<byte> bytes)
    {
        uint attributes = Get(bytes, L.ProtocolAttributes.ResponseAttributes);
        return new PerfProtocolAttributesResponse(
            (ushort)(attributes & L.ProtocolAttributes.NumDomainsMask),
            (attributes & L.ProtocolAttributes.PowerInMilliwatts) != 0,
            Get(bytes, L.ProtocolAttributes.ResponseStatsAddressLow),
            Get(bytes, L.ProtocolAttributes.ResponseStatsAddressHigh),
            Get(bytes, L.ProtocolAttributes.ResponseStatsLength));
    }

    private static PerfDomainAttributesResponse DecodeDomainAttributes(ReadOnlySpan<byte> bytes)
    {
        var name = bytes.Slice(L.DomainAttributes.ResponseName, L.DomainAttributes.NameSize);
        int end = name.IndexOf((byte)0);
        return new PerfDomainAttributesResponse(
            (ScmiPerfDomainFlags)Get(bytes, L.DomainAttributes.ResponseAttributes),
            Get(bytes, L.DomainAttributes.ResponseRateLimit),
            Get(bytes, L.DomainAttributes.ResponseSustainedFreqKhz),
            Get(bytes, L.DomainAttributes.ResponseSustainedPerfLevel),
            Encoding.ASCII.GetString(end < 0 ? name : name[..end]));
    }

    private static void Put(Span<byte> bytes, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes[offset..], value);

    private static uint Get(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
