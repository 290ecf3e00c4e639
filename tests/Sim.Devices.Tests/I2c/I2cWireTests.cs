using Sim.Core.Time;
using Sim.Devices.I2c;

namespace Sim.Devices.Tests.I2c;

/// <summary>
/// Byte-exact virtio-i2c requests (virtio 1.2, 5.16.6.1) and the bus timing of a known transfer computed by hand from
/// NXP UM10204 Table 10: 9 SCL periods per byte, START hold, repeated START set-up and hold, STOP set-up and bus free.
/// </summary>
public sealed class I2cWireTests
{
    [Fact]
    public void The_out_hdr_of_a_read_from_0x48_is_addr_0x90_padding_0_flags_m_rd()
    {
        var header = new byte[I2cLayout.OutHdr.Size];
        I2cRequest.WriteHeader(header, 0x48, I2cLayout.FlagMRd);
        Assert.Equal(new byte[] { 0x90, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00 }, header);
    }

    [Fact]
    public void The_out_hdr_of_a_register_write_in_a_group_carries_fail_next()
    {
        var header = new byte[I2cLayout.OutHdr.Size];
        I2cRequest.WriteHeader(header, 0x50, I2cLayout.FlagFailNext);
        Assert.Equal(new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }, header);
    }

    [Fact]
    public void A_write_read_of_a_temperature_register_fills_the_buffer_and_the_statuses_byte_exactly()
    {
        var rig = new I2cRig(0x48);
        ulong first = rig.Add(0x48, I2cLayout.FlagFailNext, [0x00]);
        ulong second = rig.Add(0x48, I2cLayout.FlagMRd, [], readBytes: 2);
        Assert.Equal(2, rig.ServeAll());
        Assert.Equal(I2cLayout.MsgOk, rig.Byte(first));
        Assert.Equal(I2cLayout.MsgOk, rig.Byte(second));
        ushort expected = I2cTemperatureSensor.TemperatureAt(0);
        Assert.Equal((byte)(expected >> 8), rig.Byte(second - 64));
        Assert.Equal((byte)expected, rig.Byte(second - 63));
        Assert.Equal(new uint[] { 1, 3 }, rig.Outcomes.Select(o => o.UsedLength));
        Assert.Equal(21.5 - 2, (expected >> 4) * 0.0625, 3);   // the sawtooth starts 2 degrees below its middle
    }

    [Fact]
    public void Standard_mode_write_one_byte_then_read_two_takes_471_4_us()
    {
        // START 4.0 + addr 90 + 1 byte 90 = 184 us; repeated START 4.7 + 4.0, addr 90, 2 bytes 180 = 278.7 us; STOP 4.0 + t_BUF 4.7 = 8.7 us.
        var speed = I2cBusSpeed.Standard;
        var write = I2cBusTiming.Message(speed, 1, repeatedStart: false, stop: false);
        var read = I2cBusTiming.Message(speed, 2, repeatedStart: true, stop: true);
        Assert.Equal(SimTime.FromMicroseconds(184), write);
        Assert.Equal(SimTime.FromMicroseconds(287.4), read);
        Assert.Equal(SimTime.FromMicroseconds(471.4), write + read);
    }

    [Fact]
    public void Fast_mode_is_the_same_transfer_at_2_5_us_per_bit()
    {
        // 0.6 + 2*22.5 = 45.6 us; 0.6 + 0.6 + 3*22.5 + 0.6 + 1.3 = 70.6 us.
        var speed = I2cBusSpeed.Fast;
        Assert.Equal(SimTime.FromMicroseconds(45.6), I2cBusTiming.Message(speed, 1, false, false));
        Assert.Equal(SimTime.FromMicroseconds(70.6), I2cBusTiming.Message(speed, 2, true, true));
    }

    [Fact]
    public void An_absent_target_nacks_its_address_the_bus_sends_stop_and_the_status_is_err()
    {
        var rig = new I2cRig(0x48);
        ulong status = rig.Add(0x49, 0, [0x00]);
        rig.ServeAll();
        Assert.Equal(I2cLayout.MsgErr, rig.Byte(status));
        Assert.Equal(I2cResult.Nack, rig.Outcomes[0].Result);
        // START 4.0 + address byte 90 + STOP 4.0 + t_BUF 4.7.
        Assert.Equal(SimTime.FromMicroseconds(102.7), rig.Outcomes[0].BusTime);
    }

    [Fact]
    public void Reserved_flag_bits_answer_err_without_touching_the_bus()
    {
        var rig = new I2cRig(0x48);
        ulong status = rig.Add(0x48, 0x4, [0x00]);
        rig.ServeAll();
        Assert.Equal(I2cLayout.MsgErr, rig.Byte(status));
        Assert.Equal(I2cResult.Rejected, rig.Outcomes[0].Result);
        Assert.Equal(SimTime.Zero, rig.Outcomes[0].BusTime);
    }
}
