using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>What became of a well-formed virtio-i2c request (virtio 1.2, 5.16.6.2).</summary>
public enum I2cResult
{
    /// <summary>Carried out on the bus: VIRTIO_I2C_MSG_OK.</summary>
    Ok,
    /// <summary>The target did not acknowledge (absent, or it refused a byte): VIRTIO_I2C_MSG_ERR.</summary>
    Nack,
    /// <summary>An earlier request of its VIRTIO_I2C_FLAGS_FAIL_NEXT group failed: VIRTIO_I2C_MSG_ERR, the bus untouched.</summary>
    FailedInGroup,
    /// <summary>Reserved flag bits set or a 10-bit address (the bus has 7-bit targets only): VIRTIO_I2C_MSG_ERR, the bus untouched.</summary>
    Rejected,
}

/// <summary>
/// The outcome of serving one virtio-i2c chain (virtio 1.2, 5.16.6): its shape, and for a valid one the result, the
/// status written, the used length (a read's buffer plus the status byte), the bus time and the bytes copied between
/// guest memory and the bus.
/// </summary>
/// <param name="Shape">Valid, malformed (a finding) or refused.</param>
/// <param name="Problem">What is wrong with a malformed chain, else "".</param>
/// <param name="Result">What the device did with a valid request.</param>
/// <param name="UsedLength">Bytes written into the chain.</param>
/// <param name="BusTime">The message's time on the bus (zero when it did not reach the bus).</param>
/// <param name="Copied">Buffer bytes copied from or into guest memory.</param>
public readonly record struct I2cOutcome(I2cRequestShape Shape, string Problem, I2cResult Result, uint UsedLength, SimTime BusTime, int Copied)
{
    /// <summary>The status byte written for a valid request.</summary>
    public byte Status => Result == I2cResult.Ok ? I2cLayout.MsgOk : I2cLayout.MsgErr;
}
