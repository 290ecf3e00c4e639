using Sim.Devices.Scmi;
using static Sim.Devices.Tests.Scmi.ScmiBytes;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>The SCMI message header word (DEN0056, 4.1.2): id [7:0], type [9:8], protocol [17:10], token [27:18].</summary>
public sealed class ScmiHeaderTests
{
    [Fact]
    public void A_level_set_command_header_is_laid_out_bit_by_bit()
    {
        var header = new ScmiHeader(0x07, ScmiMessageType.Command, 0x13, 0x2A5);
        // 0x07 | 0 << 8 | 0x13 << 10 (0x4C00) | 0x2A5 << 18 (0x0A94_0000) = 0x0A94_4C07, little-endian
        Assert.Equal(0x0A94_4C07u, header.Encode());
        var bytes = new byte[4];
        header.WriteTo(bytes);
        Assert.Equal(Hex("07 4C 94 0A"), bytes);
    }

    [Fact]
    public void A_level_changed_notification_header_has_type_3_and_token_0()
    {
        // 0x01 | 3 << 8 (0x300) | 0x13 << 10 (0x4C00) = 0x4F01
        Assert.Equal(0x0000_4F01u, PerfLevelChangedNotification.Header.Encode());
    }

    [Fact]
    public void Every_field_at_its_maximum_leaves_the_reserved_bits_clear()
    {
        // 0xFF | 2 << 8 (0x200) | 0xFF << 10 (0x3_FC00) | 0x3FF << 18 (0xFFC_0000) = 0x0FFF_FEFF
        Assert.Equal(0x0FFF_FEFFu, new ScmiHeader(0xFF, ScmiMessageType.DelayedResponse, 0xFF, 0x3FF).Encode());
    }

    [Fact]
    public void Decoding_ignores_the_reserved_bits_31_to_28()
    {
        Assert.Equal(new ScmiHeader(0x07, ScmiMessageType.Command, 0x13, 0x2A5), ScmiHeader.Decode(0xFA94_4C07));
    }

    [Fact]
    public void A_token_wider_than_10_bits_is_refused()
    {
        var header = new ScmiHeader(0, ScmiMessageType.Command, 0x13, 0x400);
        Assert.Throws<ArgumentOutOfRangeException>(() => header.Encode());
    }

    [Fact]
    public void A_message_shorter_than_a_header_does_not_split()
    {
        Assert.False(ScmiMessage.TrySplit(Hex("07 4C 94"), out _, out _));
    }

    [Theory]
    [InlineData(ScmiStatus.Success, 0, "SUCCESS")]
    [InlineData(ScmiStatus.NotSupported, -1, "NOT_SUPPORTED")]
    [InlineData(ScmiStatus.InvalidParameters, -2, "INVALID_PARAMETERS")]
    [InlineData(ScmiStatus.Denied, -3, "DENIED")]
    [InlineData(ScmiStatus.NotFound, -4, "NOT_FOUND")]
    [InlineData(ScmiStatus.OutOfRange, -5, "OUT_OF_RANGE")]
    [InlineData(ScmiStatus.Busy, -6, "BUSY")]
    [InlineData(ScmiStatus.CommsError, -7, "COMMS_ERROR")]
    [InlineData(ScmiStatus.GenericError, -8, "GENERIC_ERROR")]
    [InlineData(ScmiStatus.HardwareError, -9, "HARDWARE_ERROR")]
    [InlineData(ScmiStatus.ProtocolError, -10, "PROTOCOL_ERROR")]
    public void Status_codes_have_the_spec_values_and_names(ScmiStatus status, int value, string name)
    {
        Assert.Equal(value, (int)status);
        Assert.Equal(name, status.SpecName());
    }

    [Fact]
    public void An_unknown_status_is_named_by_its_value()
    {
        Assert.Equal("STATUS(-42)", ((ScmiStatus)(-42)).SpecName());
    }
}
