using Sim.Devices.Scmi;
using static Sim.Devices.Tests.Scmi.ScmiBytes;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>Byte-exact performance protocol command payloads (DEN0056, 4.5.2) and the length rule of the decoder.</summary>
public sealed class ScmiPerfRequestCodecTests
{
    public static TheoryData<ScmiPerfRequest, string> Examples => new()
    {
        { new PerfProtocolVersionRequest(), "" },                                   // no parameters
        { new PerfProtocolAttributesRequest(), "" },                                // no parameters
        { new PerfProtocolMessageAttributesRequest(0x07), "07000000" },             // message_id LEVEL_SET
        { new PerfDomainAttributesRequest(7), "07000000" },                         // domain_id 7
        { new PerfDescribeLevelsRequest(3, 10), "03000000 0A000000" },              // domain_id 3, level_index 10
        { new PerfLimitsSetRequest(1, 0x1234, 0x56), "01000000 34120000 56000000" }, // domain, range_max, range_min
        { new PerfLimitsGetRequest(1), "01000000" },                                // domain_id 1
        { new PerfLevelSetRequest(2, 1_000_000), "02000000 40420F00" },             // domain 2, level 0x000F4240
        { new PerfLevelGetRequest(0x01020304), "04030201" },                        // domain_id, little-endian
        { new PerfNotifyLimitsRequest(5, false), "05000000 00000000" },             // domain 5, notify_enable 0
        { new PerfNotifyLevelRequest(0, true), "00000000 01000000" },               // domain 0, notify_enable bit 0
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_command_encodes_to_its_fixed_layout(ScmiPerfRequest request, string hex)
    {
        Assert.Equal(Hex(hex), ScmiPerfRequestCodec.Encode(request));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_decodes_back_to_its_request(ScmiPerfRequest request, string hex)
    {
        var decoded = ScmiPerfRequestCodec.Decode((byte)request.MessageId, Hex(hex));
        Assert.Equal(ScmiStatus.Success, decoded.Status);
        Assert.Equal(request, decoded.Request);
    }

    [Fact]
    public void A_whole_level_set_command_is_header_then_parameters()
    {
        // header 0x0A944C07 (LEVEL_SET, command, protocol 0x13, token 0x2A5), domain 2, level 1_000_000
        Assert.Equal(Hex("074C940A 02000000 40420F00"), ScmiMessage.Command(new PerfLevelSetRequest(2, 1_000_000), 0x2A5));
    }

    [Fact]
    public void Only_bit_0_of_notify_enable_counts()
    {
        var decoded = ScmiPerfRequestCodec.Decode((byte)ScmiPerfMessageId.NotifyLevel, Hex("00000000 FEFFFFFF"));
        Assert.Equal(new PerfNotifyLevelRequest(0, false), decoded.Request);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_payload_one_byte_short_or_long_is_a_protocol_error(ScmiPerfRequest request, string hex)
    {
        byte[] exact = Hex(hex);
        var longer = ScmiPerfRequestCodec.Decode((byte)request.MessageId, [.. exact, 0]);
        Assert.Equal(new ScmiPerfRequestDecode(null, ScmiStatus.ProtocolError), longer);
        if (exact.Length == 0) return;
        var shorter = ScmiPerfRequestCodec.Decode((byte)request.MessageId, exact.AsSpan(0, exact.Length - 1));
        Assert.Equal(new ScmiPerfRequestDecode(null, ScmiStatus.ProtocolError), shorter);
    }

    [Theory]
    [InlineData(0x0B)] // DESCRIBE_FASTCHANNEL: not implemented
    [InlineData(0x0C)]
    [InlineData(0xFF)]
    public void An_unknown_message_id_is_not_supported(byte messageId)
    {
        Assert.Equal(new ScmiPerfRequestDecode(null, ScmiStatus.NotSupported), ScmiPerfRequestCodec.Decode(messageId, Hex("00000000")));
    }
}
