using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>
/// How long one I2C message holds the bus (NXP UM10204 rev. 7, 3.1.4 to 3.1.10 and Table 10): every byte on the wire
/// is 9 SCL periods (8 data bits and the acknowledge bit, 3.1.6), the address byte included (3.1.10). A message that
/// opens a transaction starts with a START (t<sub>HD;STA</sub>); one that continues it (its predecessor in the virtio
/// group had VIRTIO_I2C_FLAGS_FAIL_NEXT, virtio 1.2 5.16.6.1: a write-read, e.g. register pointer then data) starts
/// with a repeated START (t<sub>SU;STA</sub> + t<sub>HD;STA</sub>); the last message of the group ends with a STOP
/// and the bus-free time before the next START (t<sub>SU;STO</sub> + t<sub>BUF</sub>). A target that does not
/// acknowledge its address (NACK, 3.1.6) ends the transaction after the address byte: the master sends STOP. A target
/// may stretch the clock (3.1.9) for a time per data byte. Pure arithmetic.
/// </summary>
public static class I2cBusTiming
{
    /// <summary>SCL periods per byte on the wire: 8 data bits and the ACK/NACK bit.</summary>
    public const int BitsPerByte = 9;

    /// <summary>
    /// The bus time of one message of <paramref name="dataBytes"/> (0 for a zero-length request) at
    /// <paramref name="speed"/>: its (repeated) START, the address byte, the data bytes unless the address was not
    /// acknowledged, the target's clock stretching, and the STOP when it ends the transaction.
    /// </summary>
    public static SimTime Message(I2cBusSpeed speed, int dataBytes, bool repeatedStart, bool stop, bool acknowledged = true, SimTime stretchPerByte = default)
    {
        ArgumentNullException.ThrowIfNull(speed);
        ArgumentOutOfRangeException.ThrowIfNegative(dataBytes);
        SimTime time = repeatedStart ? speed.SetupRepeatedStart + speed.HoldStart : speed.HoldStart;
        int bytes = 1 + (acknowledged ? dataBytes : 0);
        time += speed.ClockPeriod * (BitsPerByte * (long)bytes);
        if (acknowledged) time += stretchPerByte * dataBytes;
        if (stop || !acknowledged) time += speed.SetupStop + speed.BusFree;
        return time;
    }
}
