using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>
/// A device on the simulated I2C bus behind a virtio-i2c adapter (virtio 1.2, 5.16: "the host I2C controlled
/// devices"), at a 7-bit address (NXP UM10204 3.1.10), acknowledging its address and answering writes and reads from
/// its register file. It may stretch the clock (UM10204 3.1.9) by <see cref="StretchPerByte"/> for every data byte.
/// Owned by one <see cref="I2cBus"/>, so by one backend: plain state, never shared between actors.
/// </summary>
public abstract class I2cTarget
{
    /// <summary>A target at 7-bit <paramref name="address"/> stretching each data byte by <paramref name="stretchPerByte"/>.</summary>
    protected I2cTarget(byte address, SimTime stretchPerByte)
    {
        if (address > 0x7F) throw new ArgumentOutOfRangeException(nameof(address), address, "a 7-bit I2C address is at most 0x7f");
        Address = address;
        StretchPerByte = stretchPerByte;
    }

    /// <summary>The target's 7-bit address.</summary>
    public byte Address { get; }

    /// <summary>Clock stretching per data byte (zero for a target that never stretches).</summary>
    public SimTime StretchPerByte { get; }

    /// <summary>A write message's data bytes (the first usually a register pointer); false when the target NACKs a byte.</summary>
    public abstract bool Write(ReadOnlySpan<byte> data);

    /// <summary>A read message: fills <paramref name="data"/> from the register file.</summary>
    public abstract void Read(Span<byte> data);
}
