using Sim.Devices.Scmi;
using static Sim.Devices.Tests.Scmi.ScmiBytes;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>Byte-exact performance protocol responses (DEN0056, 4.5.2): status word, then return values on SUCCESS only.</summary>
public sealed class ScmiPerfResponseCodecTests
{
    private const ScmiPerfDomainFlags SetLevelAndNotify = ScmiPerfDomainFlags.CanSetLevel | ScmiPerfDomainFlags.LevelNotifications;

    public static TheoryData<ScmiPerfMessageId, ScmiPerfReply, string> Examples => new()
    {
        // status 0, version 1.0 = 0x00010000
        { ScmiPerfMessageId.ProtocolVersion, ScmiPerfReply.Ok(new PerfProtocolVersionResponse(0x1_0000)), "00000000 00000100" },
        // status, attributes 3 domains | bit 16 (mW) = 0x00010003, stats low 0x1000, high 2, length 0x80
        { ScmiPerfMessageId.ProtocolAttributes, ScmiPerfReply.Ok(new PerfProtocolAttributesResponse(3, true, 0x1000, 2, 0x80)),
            "00000000 03000100 00100000 02000000 80000000" },
        // status, attributes 0
        { ScmiPerfMessageId.ProtocolMessageAttributes, ScmiPerfReply.Ok(new PerfProtocolMessageAttributesResponse(0)), "00000000 00000000" },
        // status, flags bits 30 + 28 = 0x50000000, rate_limit 1000 µs, sustained 1_800_000 kHz = 0x1B7740, level 0x12, "bus" + NULs
        { ScmiPerfMessageId.DomainAttributes, ScmiPerfReply.Ok(new PerfDomainAttributesResponse(SetLevelAndNotify, 1000, 1_800_000, 0x12, "bus")),
            "00000000 00000050 E8030000 40771B00 12000000 62757300 00000000 00000000 00000000" },
        // status, num_levels = 2 returned | 5 remaining << 16, then {100, 250, 30 µs + reserved 0}, {200, 600, 0x1234 µs}
        { ScmiPerfMessageId.DescribeLevels, ScmiPerfReply.Ok(new PerfDescribeLevelsResponse([new(100, 250, 30), new(200, 600, 0x1234)], 5)),
            "00000000 02000500 64000000 FA000000 1E000000 C8000000 58020000 34120000" },
        // status, range_max 0x300, range_min 0x100
        { ScmiPerfMessageId.LimitsGet, ScmiPerfReply.Ok(new PerfLimitsGetResponse(0x300, 0x100)), "00000000 00030000 00010000" },
        // status, performance_level 0xABCD
        { ScmiPerfMessageId.LevelGet, ScmiPerfReply.Ok(new PerfLevelGetResponse(0xABCD)), "00000000 CDAB0000" },
        // status-only replies
        { ScmiPerfMessageId.LevelSet, ScmiPerfReply.Ok(), "00000000" },
        { ScmiPerfMessageId.LimitsSet, ScmiPerfReply.Ok(), "00000000" },
        { ScmiPerfMessageId.NotifyLevel, ScmiPerfReply.Ok(), "00000000" },
        { ScmiPerfMessageId.NotifyLimits, ScmiPerfReply.Ok(), "00000000" },
        // failures carry the status only: NOT_FOUND -4, OUT_OF_RANGE -5, PROTOCOL_ERROR -10
        { ScmiPerfMessageId.DomainAttributes, ScmiPerfReply.Of(ScmiStatus.NotFound), "FCFFFFFF" },
        { ScmiPerfMessageId.LevelSet, ScmiPerfReply.Of(ScmiStatus.OutOfRange), "FBFFFFFF" },
        { ScmiPerfMessageId.DescribeLevels, ScmiPerfReply.Of(ScmiStatus.ProtocolError), "F6FFFFFF" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_response_encodes_to_its_fixed_layout(ScmiPerfMessageId id, ScmiPerfReply reply, string hex)
    {
        Assert.Equal(Hex(hex), ScmiPerfResponseCodec.Encode(id, reply));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_decodes_back_to_its_reply(ScmiPerfMessageId id, ScmiPerfReply reply, string hex)
    {
        Assert.Equal(reply, ScmiPerfResponseCodec.Decode(id, Hex(hex)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_response_one_byte_short_is_a_protocol_error(ScmiPerfMessageId id, ScmiPerfReply reply, string hex)
    {
        byte[] exact = Hex(hex);
        Assert.Equal(reply, ScmiPerfResponseCodec.Decode(id, exact));
        var decoded = ScmiPerfResponseCodec.Decode(id, exact.AsSpan(0, exact.Length - 1));
        // for a failure reply the cut leaves three bytes, which are not a status word either
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.ProtocolError), decoded);
    }

    [Fact]
    public void Describe_levels_whose_count_promises_more_entries_than_present_is_a_protocol_error()
    {
        // num_levels says 3 returned, only 1 entry follows
        var decoded = ScmiPerfResponseCodec.Decode(ScmiPerfMessageId.DescribeLevels, Hex("00000000 03000000 64000000 FA000000 1E000000"));
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.ProtocolError), decoded);
    }

    [Fact]
    public void A_name_without_nul_decodes_to_all_16_bytes()
    {
        var decoded = ScmiPerfResponseCodec.Decode(ScmiPerfMessageId.DomainAttributes,
            Hex("00000000 00000000 00000000 00000000 00000000 41424344 45464748 494A4B4C 4D4E4F50"));
        Assert.Equal("ABCDEFGHIJKLMNOP", Assert.IsType<PerfDomainAttributesResponse>(decoded.Body).Name);
    }

    [Fact]
    public void A_name_of_16_characters_cannot_be_encoded()
    {
        var reply = ScmiPerfReply.Ok(new PerfDomainAttributesResponse(0, 0, 0, 0, "ABCDEFGHIJKLMNOP"));
        Assert.Throws<ArgumentException>(() => ScmiPerfResponseCodec.Encode(ScmiPerfMessageId.DomainAttributes, reply));
    }

    [Fact]
    public void A_success_without_the_return_values_the_message_needs_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => ScmiPerfResponseCodec.Encode(ScmiPerfMessageId.LevelGet, ScmiPerfReply.Ok()));
    }

    [Fact]
    public void A_level_changed_notification_is_header_then_agent_domain_level()
    {
        // header 0x00004F01 (id 1, type 3, protocol 0x13, token 0), agent_id 2, domain_id 1, performance_level 200
        Assert.Equal(Hex("014F0000 02000000 01000000 C8000000"), new PerfLevelChangedNotification(2, 1, 200).EncodeMessage());
    }

    [Fact]
    public void A_short_level_changed_payload_does_not_decode()
    {
        Assert.Null(PerfLevelChangedNotification.DecodePayload(Hex("02000000 01000000 C80000")));
    }
}
