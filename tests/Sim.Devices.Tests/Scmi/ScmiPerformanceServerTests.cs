using Sim.Devices.Scmi;
using static Sim.Devices.Tests.Scmi.ScmiBytes;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>
/// <see cref="ScmiPerformanceServer"/> with a recording arbiter. Domain 0 "bus" has 23 levels (100, 200, .., 2300;
/// more than two pages of <see cref="ScmiPerformanceServer.DefaultMaxLevelsPerResponse"/> = 10), every capability and
/// level notifications; domain 1 "gpu" has three levels and may neither be set nor notify.
/// </summary>
public sealed class ScmiPerformanceServerTests
{
    private const ScmiPerfDomainFlags Everything = ScmiPerfDomainFlags.CanSetLevel | ScmiPerfDomainFlags.CanSetLimits
        | ScmiPerfDomainFlags.LevelNotifications | ScmiPerfDomainFlags.LimitsNotifications;

    private static readonly ScmiPerfLevel[] BusLevels =
        Enumerable.Range(1, 23).Select(i => new ScmiPerfLevel((uint)i * 100, (uint)i * 10, (ushort)(i + 50))).ToArray();

    private readonly FakePerformanceArbiter _arbiter = new();
    private readonly ScmiPerformanceServer _server;

    public ScmiPerformanceServerTests()
    {
        _server = new ScmiPerformanceServer(
        [
            new ScmiPerfDomain("bus", BusLevels, Everything, rateLimitUs: 500, sustainedFreqKhz: 800_000, sustainedPerfLevel: 1600),
            new ScmiPerfDomain("gpu", [new(1, 1, 1), new(2, 2, 2), new(3, 3, 3)], ScmiPerfDomainFlags.None),
        ], _arbiter);
    }

    [Fact]
    public void Ten_levels_fit_a_linux_virtio_scmi_message()
    {
        Assert.Equal(10, ScmiPerformanceServer.DefaultMaxLevelsPerResponse);
        var reply = _server.Handle(1, new PerfDescribeLevelsRequest(0, 0));
        int bytes = ScmiPerfResponseCodec.Encode(ScmiPerfMessageId.DescribeLevels, reply).Length;
        Assert.Equal(ScmiVirtioLayout.LinuxMaxMessageSize, bytes);
    }

    [Fact]
    public void Describe_levels_pages_through_a_table_larger_than_one_response()
    {
        var pages = new List<PerfDescribeLevelsResponse>();
        uint index = 0;
        while (true)
        {
            var reply = _server.Handle(1, new PerfDescribeLevelsRequest(0, index));
            var page = Assert.IsType<PerfDescribeLevelsResponse>(reply.Body);
            pages.Add(page);
            index += (uint)page.Levels.Count;
            if (page.Remaining == 0) break;
        }
        Assert.Equal([10, 10, 3], pages.Select(p => p.Levels.Count));
        Assert.Equal([(ushort)13, (ushort)3, (ushort)0], pages.Select(p => p.Remaining));
        Assert.Equal(BusLevels, pages.SelectMany(p => p.Levels));
    }

    [Fact]
    public void Describe_levels_from_the_middle_counts_what_remains_after_the_page()
    {
        var page = Assert.IsType<PerfDescribeLevelsResponse>(_server.Handle(1, new PerfDescribeLevelsRequest(0, 20)).Body);
        Assert.Equal(BusLevels[20..], page.Levels);
        Assert.Equal(0, page.Remaining);
        var bytes = ScmiPerfResponseCodec.Encode(ScmiPerfMessageId.DescribeLevels, ScmiPerfReply.Ok(page));
        // status 0, num_levels 3 returned | 0 remaining, first entry {2100, 210, 71 µs}
        Assert.Equal(Hex("00000000 03000000 34080000 D2000000 47000000"), bytes[..20]);
    }

    [Fact]
    public void Describe_levels_past_the_table_is_out_of_range()
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.OutOfRange), _server.Handle(1, new PerfDescribeLevelsRequest(0, 23)));
    }

    [Fact]
    public void Level_set_is_forwarded_with_the_agent_id_and_answered_with_the_arbiters_status()
    {
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(2, new PerfLevelSetRequest(0, 700)));
        _arbiter.Answer = ScmiStatus.Busy;
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.Busy), _server.Handle(5, new PerfLevelSetRequest(0, 900)));
        Assert.Equal([(2, 0u, 700u), (5, 0u, 900u)], _arbiter.LevelRequests);
        Assert.Equal(ScmiPerfReply.Ok(new PerfLevelGetResponse(700)), _server.Handle(3, new PerfLevelGetRequest(0)));
    }

    [Fact]
    public void Limits_set_is_forwarded_with_the_agent_id_and_limits_get_reads_the_arbiter()
    {
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(4, new PerfLimitsSetRequest(0, RangeMax: 1500, RangeMin: 300)));
        Assert.Equal([(4, 0u, 300u, 1500u)], _arbiter.LimitsRequests);
        Assert.Equal(ScmiPerfReply.Ok(new PerfLimitsGetResponse(1500, 300)), _server.Handle(1, new PerfLimitsGetRequest(0)));
    }

    [Fact]
    public void A_level_not_in_the_table_is_out_of_range_and_not_forwarded()
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.OutOfRange), _server.Handle(1, new PerfLevelSetRequest(0, 750)));
        Assert.Empty(_arbiter.LevelRequests);
    }

    [Fact]
    public void Limits_with_min_above_max_are_invalid_parameters_and_not_forwarded()
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.InvalidParameters), _server.Handle(1, new PerfLimitsSetRequest(0, RangeMax: 300, RangeMin: 301)));
        Assert.Empty(_arbiter.LimitsRequests);
    }

    [Fact]
    public void A_domain_that_refuses_setting_answers_denied()
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.Denied), _server.Handle(1, new PerfLevelSetRequest(1, 2)));
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.Denied), _server.Handle(1, new PerfLimitsSetRequest(1, 3, 1)));
        Assert.Empty(_arbiter.LevelRequests);
        Assert.Empty(_arbiter.LimitsRequests);
    }

    public static TheoryData<ScmiPerfRequest> PerDomainRequestsForDomain2 => new()
    {
        new PerfDomainAttributesRequest(2), new PerfDescribeLevelsRequest(2, 0), new PerfLimitsSetRequest(2, 2, 1),
        new PerfLimitsGetRequest(2), new PerfLevelSetRequest(2, 100), new PerfLevelGetRequest(2),
        new PerfNotifyLimitsRequest(2, true), new PerfNotifyLevelRequest(2, true),
    };

    [Theory]
    [MemberData(nameof(PerDomainRequestsForDomain2))]
    public void An_unknown_domain_is_not_found(ScmiPerfRequest request)
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.NotFound), _server.Handle(1, request));
        Assert.Empty(_arbiter.LevelRequests);
        Assert.Empty(_arbiter.LimitsRequests);
    }

    [Fact]
    public void Domain_attributes_report_the_description()
    {
        var reply = _server.Handle(1, new PerfDomainAttributesRequest(0));
        Assert.Equal(ScmiPerfReply.Ok(new PerfDomainAttributesResponse(Everything, 500, 800_000, 1600, "bus")), reply);
    }

    [Fact]
    public void Protocol_version_and_attributes_describe_the_server()
    {
        Assert.Equal(ScmiPerfReply.Ok(new PerfProtocolVersionResponse(0x1_0000)), _server.Handle(1, new PerfProtocolVersionRequest()));
        Assert.Equal(ScmiPerfReply.Ok(new PerfProtocolAttributesResponse(2, false, 0, 0, 0)), _server.Handle(1, new PerfProtocolAttributesRequest()));
    }

    [Theory]
    [InlineData(0x7u, ScmiStatus.Success)]
    [InlineData(0xAu, ScmiStatus.Success)]
    [InlineData(0xBu, ScmiStatus.NotFound)]     // DESCRIBE_FASTCHANNEL is not implemented
    [InlineData(0x107u, ScmiStatus.NotFound)]   // does not alias 0x07
    public void Message_attributes_say_which_messages_exist(uint messageId, ScmiStatus status)
    {
        Assert.Equal(status, _server.Handle(1, new PerfProtocolMessageAttributesRequest(messageId)).Status);
    }

    [Fact]
    public void A_whole_message_for_another_protocol_is_not_supported_with_the_header_echoed()
    {
        // header: message 0x7, command, protocol 0x14 (clock) << 10 = 0x5000, token 9 << 18 = 0x240000 -> 0x00245007
        byte[] response = _server.HandleMessage(1, Hex("07502400 00000000 64000000"));
        Assert.Equal(Hex("07502400 FFFFFFFF"), response); // NOT_SUPPORTED -1
    }

    [Fact]
    public void A_whole_message_with_an_unknown_message_id_is_not_supported()
    {
        // header: message 0x0B (DESCRIBE_FASTCHANNEL), command, protocol 0x13, token 0 -> 0x00004C0B
        Assert.Equal(Hex("0B4C0000 FFFFFFFF"), _server.HandleMessage(1, Hex("0B4C0000 00000000 07000000")));
    }

    [Fact]
    public void A_whole_message_with_a_short_payload_is_a_protocol_error()
    {
        // LEVEL_SET with the level word missing
        Assert.Equal(Hex("074C0000 F6FFFFFF"), _server.HandleMessage(1, Hex("074C0000 00000000")));
        Assert.Empty(_arbiter.LevelRequests);
    }

    [Fact]
    public void A_message_shorter_than_a_header_is_a_protocol_error()
    {
        Assert.Equal(Hex("00000000 F6FFFFFF"), _server.HandleMessage(1, Hex("074C")));
    }

    [Fact]
    public void A_notification_sent_to_the_platform_is_a_protocol_error()
    {
        Assert.Equal(Hex("014F0000 F6FFFFFF"), _server.HandleMessage(1, Hex("014F0000 02000000 00000000 64000000")));
    }

    [Fact]
    public void A_whole_level_get_message_is_answered_byte_exactly()
    {
        _arbiter.Levels[0] = 1200;
        // request: LEVEL_GET 0x8 | 0x13 << 10 | token 0x3FF << 18 = 0x0FFC4C08, domain 0
        // response: same header, status 0, level 1200 = 0x4B0
        Assert.Equal(Hex("084CFC0F 00000000 B0040000"), _server.HandleMessage(3, Hex("084CFC0F 00000000")));
    }

    [Fact]
    public void Level_notifications_go_to_exactly_the_subscribed_agents()
    {
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(3, new PerfNotifyLevelRequest(0, true)));
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(1, new PerfNotifyLevelRequest(0, true)));
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(2, new PerfNotifyLevelRequest(0, true)));
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(2, new PerfNotifyLevelRequest(0, false))); // agent 2 changes its mind
        Assert.Equal(ScmiPerfReply.Ok(), _server.Handle(4, new PerfNotifyLimitsRequest(0, true)));  // limits only: no level notification

        var sent = _server.LevelChanged(0, 900, causingAgent: 3);

        Assert.Equal([1, 3], sent.Select(n => n.Agent));
        // header 0x00004F01 (LEVEL_CHANGED, notification, protocol 0x13), agent_id 3 (the requester), domain 0, level 900 = 0x384
        Assert.All(sent, n => Assert.Equal(Hex("014F0000 03000000 00000000 84030000"), n.Message));
        Assert.Equal([4], _server.LimitsSubscribers(0));
    }

    [Fact]
    public void A_level_change_with_no_subscriber_sends_nothing()
    {
        Assert.Empty(_server.LevelChanged(0, 900, causingAgent: 1));
    }

    [Fact]
    public void Notifications_a_domain_does_not_offer_are_not_supported()
    {
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.NotSupported), _server.Handle(1, new PerfNotifyLevelRequest(1, true)));
        Assert.Equal(ScmiPerfReply.Of(ScmiStatus.NotSupported), _server.Handle(1, new PerfNotifyLimitsRequest(1, true)));
        Assert.Empty(_server.LevelSubscribers(1));
    }

    [Fact]
    public void A_level_change_on_an_unknown_domain_is_a_caller_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.LevelChanged(2, 1, causingAgent: 1));
    }

    [Fact]
    public void A_domain_description_the_wire_cannot_carry_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ScmiPerfDomain("a-name-of-16-chr", BusLevels, Everything));
        Assert.Throws<ArgumentException>(() => new ScmiPerfDomain("empty", [], Everything));
        Assert.Throws<ArgumentException>(() => new ScmiPerfDomain("twice", [new(1, 1, 1), new(1, 2, 2)], Everything));
    }
}
