using Sim.Devices.Gpio;

namespace Sim.Devices.Tests.Gpio;

/// <summary>
/// Byte-exact virtio-gpio messages and answers (virtio 1.2, 5.18.6): a SET_VALUE request and its response, GET_NAMES's
/// block, GET_DIRECTION after SET_DIRECTION, and the error statuses the device gives for what it cannot carry out; a
/// request of the wrong size is malformed.
/// </summary>
public sealed class GpioWireTests
{
    [Fact]
    public void Set_value_of_line_3_high_is_these_8_bytes_and_is_answered_ok_0()
    {
        var message = new GpioMessage(GpioLayout.MsgSetValue, 3, 1);
        var bytes = new byte[GpioLayout.Request.Size];
        message.Encode(bytes);
        Assert.Equal(new byte[] { 0x05, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00 }, bytes);
        var rig = new GpioRig("a", "b", "c", "d");
        var (outcome, response) = rig.Send(message);
        Assert.Equal(GpioShape.Valid, outcome.Shape);
        Assert.Equal(2u, outcome.UsedLength);
        Assert.Equal(new byte[] { GpioLayout.StatusOk, 0x00 }, response);
    }

    [Fact]
    public void Get_names_returns_status_then_every_name_nul_terminated()
    {
        var rig = new GpioRig("door", "", "led");
        var (outcome, response) = rig.Send(new GpioMessage(GpioLayout.MsgGetNames, 0, 0));
        Assert.Equal(new byte[] { 0, (byte)'d', (byte)'o', (byte)'o', (byte)'r', 0, 0, (byte)'l', (byte)'e', (byte)'d', 0 }, response);
        Assert.Equal((uint)response.Length, outcome.UsedLength);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 10, 0, 0, 0 }, rig.Chip.Config());
    }

    [Fact]
    public void Get_direction_answers_what_set_direction_set_and_get_value_the_driven_level()
    {
        var rig = new GpioRig("a", "b");
        rig.Send(new GpioMessage(GpioLayout.MsgSetValue, 1, 1));
        rig.Send(new GpioMessage(GpioLayout.MsgSetDirection, 1, GpioLayout.DirectionOut));
        Assert.Equal(new byte[] { 0, GpioLayout.DirectionOut }, rig.Send(new GpioMessage(GpioLayout.MsgGetDirection, 1, 0)).Response);
        Assert.Equal(new byte[] { 0, 1 }, rig.Send(new GpioMessage(GpioLayout.MsgGetValue, 1, 0)).Response);
        Assert.Equal(new byte[] { 0, GpioLayout.DirectionNone }, rig.Send(new GpioMessage(GpioLayout.MsgGetDirection, 0, 0)).Response);
    }

    [Theory]
    [InlineData(7, 0, 0u)]                                   // unknown message type
    [InlineData(GpioLayout.MsgGetDirection, 2, 0u)]          // line beyond ngpio
    [InlineData(GpioLayout.MsgSetValue, 0, 2u)]              // level out of range
    [InlineData(GpioLayout.MsgSetDirection, 0, 3u)]          // direction out of range
    [InlineData(GpioLayout.MsgIrqType, 0, 5u)]               // not a trigger type
    [InlineData(GpioLayout.MsgGetValue, 0, 0u)]              // line not in use
    public void What_the_device_cannot_carry_out_is_answered_err(int type, int gpio, uint value)
    {
        var rig = new GpioRig("a", "b");
        var (outcome, response) = rig.Send(new GpioMessage((ushort)type, (ushort)gpio, value));
        Assert.Equal(GpioShape.Valid, outcome.Shape);
        Assert.Equal(GpioLayout.StatusErr, response[0]);
        Assert.NotEqual("", outcome.Problem);
    }

    [Fact]
    public void Irq_type_without_the_feature_or_on_an_output_is_answered_err()
    {
        var rig = new GpioRig("a");
        Assert.Equal(GpioLayout.StatusErr, rig.Send(new GpioMessage(GpioLayout.MsgIrqType, 0, GpioLayout.IrqTypeEdgeRising), irqFeature: false).Response[0]);
        rig.Send(new GpioMessage(GpioLayout.MsgSetDirection, 0, GpioLayout.DirectionOut));
        Assert.Equal(GpioLayout.StatusErr, rig.Send(new GpioMessage(GpioLayout.MsgIrqType, 0, GpioLayout.IrqTypeEdgeRising)).Response[0]);
    }

    [Fact]
    public void A_request_of_the_wrong_size_or_a_response_too_small_is_malformed()
    {
        var rig = new GpioRig("a");
        Assert.Equal(GpioShape.Malformed, rig.Send(new byte[4]).Outcome.Shape);
        var bytes = new byte[GpioLayout.Request.Size];
        new GpioMessage(GpioLayout.MsgGetDirection, 0, 0).Encode(bytes);
        Assert.Equal(GpioShape.Malformed, rig.Send(bytes, responseBytes: 1).Outcome.Shape);
    }

    [Fact]
    public void Disabling_an_unmasked_interrupt_returns_its_buffer_invalid()
    {
        var rig = new GpioRig("door");
        rig.Send(new GpioMessage(GpioLayout.MsgSetDirection, 0, GpioLayout.DirectionIn));
        rig.Send(new GpioMessage(GpioLayout.MsgIrqType, 0, GpioLayout.IrqTypeEdgeRising));
        Assert.False(rig.Chip.Irq(0).Arm());
        var (outcome, _) = rig.Send(new GpioMessage(GpioLayout.MsgIrqType, 0, GpioLayout.IrqTypeNone));
        Assert.Equal(0, outcome.Invalidate);
        Assert.False(rig.Chip.Irq(0).Armed);
    }
}
