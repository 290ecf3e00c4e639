using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Scmi;
using Sim.Tests.Shared;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>
/// Encode-then-decode round trips over random field values: headers, every command, every response (including
/// failure statuses, which carry the status only) and the LEVEL_CHANGED notification must come back equal.
/// </summary>
public sealed class ScmiPerfRoundTripPropertyTests
{
    /// <summary>Full-range u32 with the edges (0, 1, max) overweighted.</summary>
    private static readonly Gen<uint> U32 = Gen.Frequency(
        (1, Gen.Elements(0u, 1u, uint.MaxValue)),
        (6, from hi in Gen.Choose(0, 0xFFFF) from lo in Gen.Choose(0, 0xFFFF) select ((uint)hi << 16) | (uint)lo));

    private static readonly Gen<ushort> U16 = Gen.Choose(0, ushort.MaxValue).Select(v => (ushort)v);

    private static readonly Gen<bool> Bool = Gen.Elements(false, true);

    private static readonly Gen<ScmiPerfRequest> Requests = Gen.OneOf(
        Gen.Constant<ScmiPerfRequest>(new PerfProtocolVersionRequest()),
        Gen.Constant<ScmiPerfRequest>(new PerfProtocolAttributesRequest()),
        U32.Select(m => (ScmiPerfRequest)new PerfProtocolMessageAttributesRequest(m)),
        U32.Select(d => (ScmiPerfRequest)new PerfDomainAttributesRequest(d)),
        from d in U32 from i in U32 select (ScmiPerfRequest)new PerfDescribeLevelsRequest(d, i),
        from d in U32 from max in U32 from min in U32 select (ScmiPerfRequest)new PerfLimitsSetRequest(d, max, min),
        U32.Select(d => (ScmiPerfRequest)new PerfLimitsGetRequest(d)),
        from d in U32 from l in U32 select (ScmiPerfRequest)new PerfLevelSetRequest(d, l),
        U32.Select(d => (ScmiPerfRequest)new PerfLevelGetRequest(d)),
        from d in U32 from e in Bool select (ScmiPerfRequest)new PerfNotifyLimitsRequest(d, e),
        from d in U32 from e in Bool select (ScmiPerfRequest)new PerfNotifyLevelRequest(d, e));

    private static readonly Gen<string> Names =
        from length in Gen.Choose(0, 15)
        from chars in Gen.ArrayOf(Gen.Choose(' ', '~').Select(c => (char)c), length)
        select new string(chars);

    private static readonly Gen<ScmiPerfLevel> Levels =
        from p in U32 from w in U32 from l in U16 select new ScmiPerfLevel(p, w, l);

    private static readonly Gen<ScmiStatus> Failures = Gen.Choose(-10, -1).Select(s => (ScmiStatus)s);

    private static readonly Gen<(ScmiPerfMessageId, ScmiPerfReply)> Successes = Gen.OneOf(
        U32.Select(v => (ScmiPerfMessageId.ProtocolVersion, ScmiPerfReply.Ok(new PerfProtocolVersionResponse(v)))),
        from n in U16
        from mw in Bool
        from lo in U32
        from hi in U32
        from len in U32
        select (ScmiPerfMessageId.ProtocolAttributes, ScmiPerfReply.Ok(new PerfProtocolAttributesResponse(n, mw, lo, hi, len))),
        U32.Select(a => (ScmiPerfMessageId.ProtocolMessageAttributes, ScmiPerfReply.Ok(new PerfProtocolMessageAttributesResponse(a)))),
        from f in U32
        from r in U32
        from khz in U32
        from s in U32
        from name in Names
        select (ScmiPerfMessageId.DomainAttributes, ScmiPerfReply.Ok(new PerfDomainAttributesResponse((ScmiPerfDomainFlags)f, r, khz, s, name))),
        from count in Gen.Choose(0, 20)
        from levels in Gen.ArrayOf(Levels, count)
        from remaining in U16
        select (ScmiPerfMessageId.DescribeLevels, ScmiPerfReply.Ok(new PerfDescribeLevelsResponse(levels, remaining))),
        from max in U32 from min in U32 select (ScmiPerfMessageId.LimitsGet, ScmiPerfReply.Ok(new PerfLimitsGetResponse(max, min))),
        U32.Select(l => (ScmiPerfMessageId.LevelGet, ScmiPerfReply.Ok(new PerfLevelGetResponse(l)))),
        Gen.Elements(ScmiPerfMessageId.LevelSet, ScmiPerfMessageId.LimitsSet, ScmiPerfMessageId.NotifyLevel, ScmiPerfMessageId.NotifyLimits)
            .Select(id => (id, ScmiPerfReply.Ok())));

    private static readonly Gen<(ScmiPerfMessageId, ScmiPerfReply)> Replies = Gen.Frequency(
        (4, Successes),
        (1, from id in Gen.Choose(0, 10).Select(i => (ScmiPerfMessageId)i) from s in Failures select (id, ScmiPerfReply.Of(s))));

    [Fact]
    public void Headers_round_trip()
    {
        var headers = Arb.From(
            from id in Gen.Choose(0, 0xFF)
            from type in Gen.Elements(ScmiMessageType.Command, ScmiMessageType.DelayedResponse, ScmiMessageType.Notification)
            from protocol in Gen.Choose(0, 0xFF)
            from token in Gen.Choose(0, 0x3FF)
            select new ScmiHeader((byte)id, type, (byte)protocol, (ushort)token));
        var property = Prop.ForAll(headers, h =>
            (ScmiHeader.Decode(h.Encode()) == h && (h.Encode() & 0xF000_0000) == 0).Label($"{h} -> 0x{h.Encode():X8}"));
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Commands_round_trip_through_a_whole_message()
    {
        var cases = Arb.From(from r in Requests from token in Gen.Choose(0, 0x3FF) select (Request: r, Token: (ushort)token));
        var property = Prop.ForAll(cases, c =>
        {
            byte[] message = ScmiMessage.Command(c.Request, c.Token);
            bool split = ScmiMessage.TrySplit(message, out var header, out var payload);
            var decoded = ScmiPerfRequestCodec.Decode(header.MessageId, payload);
            return (split && header.Token == c.Token && header.ProtocolId == ScmiPerfLayout.ProtocolId
                && header.Type == ScmiMessageType.Command && Equals(decoded.Request, c.Request))
                .Label($"{c.Request} token {c.Token} -> {Convert.ToHexString(message)} -> {decoded}");
        });
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Responses_round_trip()
    {
        var property = Prop.ForAll(Arb.From(Replies), c =>
        {
            var (id, reply) = c;
            byte[] bytes = ScmiPerfResponseCodec.Encode(id, reply);
            var decoded = ScmiPerfResponseCodec.Decode(id, bytes);
            return (decoded == reply).Label($"{id} {reply} -> {Convert.ToHexString(bytes)} -> {decoded}");
        });
        Check.One(PropertyRuns.Config(500), property);
    }

    [Fact]
    public void Level_changed_notifications_round_trip()
    {
        var notifications = Arb.From(from a in U32 from d in U32 from l in U32 select new PerfLevelChangedNotification(a, d, l));
        var property = Prop.ForAll(notifications, n =>
        {
            byte[] message = n.EncodeMessage();
            bool split = ScmiMessage.TrySplit(message, out var header, out var payload);
            return (split && header == PerfLevelChangedNotification.Header
                && PerfLevelChangedNotification.DecodePayload(payload) == n).Label($"{n} -> {Convert.ToHexString(message)}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }
}
