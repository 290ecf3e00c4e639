using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>
/// The timing of an I2C bus in one speed mode, from the I2C-bus specification (NXP UM10204 rev. 7, 2021, Table 10
/// "Characteristics of the SDA and SCL bus lines for Standard, Fast, and Fast-mode Plus I2C-bus devices"): the SCL clock
/// frequency and the minimum hold, set-up and bus-free times around START, repeated START and STOP. A virtio-i2c
/// device (virtio 1.2, 5.16) "SHOULD keep consistent behaviors with the hardware" (5.16.6.4), so its messages take the
/// bus time these figures give (<see cref="I2cBusTiming"/>).
/// </summary>
/// <param name="Name">The mode's name (standard, fast).</param>
/// <param name="ClockHertz">f<sub>SCL</sub>, the SCL clock frequency (the mode's maximum).</param>
/// <param name="HoldStart">t<sub>HD;STA</sub>, hold time of a (repeated) START before the first clock pulse.</param>
/// <param name="SetupRepeatedStart">t<sub>SU;STA</sub>, set-up time of a repeated START.</param>
/// <param name="SetupStop">t<sub>SU;STO</sub>, set-up time of a STOP.</param>
/// <param name="BusFree">t<sub>BUF</sub>, bus free time between a STOP and the next START.</param>
public sealed record I2cBusSpeed(string Name, long ClockHertz, SimTime HoldStart, SimTime SetupRepeatedStart, SimTime SetupStop, SimTime BusFree)
{
    /// <summary>Standard-mode (UM10204 Table 10): 100 kHz, t<sub>HD;STA</sub> 4.0 µs, t<sub>SU;STA</sub> 4.7 µs, t<sub>SU;STO</sub> 4.0 µs, t<sub>BUF</sub> 4.7 µs.</summary>
    public static readonly I2cBusSpeed Standard = new("standard", 100_000,
        SimTime.FromMicroseconds(4.0), SimTime.FromMicroseconds(4.7), SimTime.FromMicroseconds(4.0), SimTime.FromMicroseconds(4.7));

    /// <summary>Fast-mode (UM10204 Table 10): 400 kHz, t<sub>HD;STA</sub> 0.6 µs, t<sub>SU;STA</sub> 0.6 µs, t<sub>SU;STO</sub> 0.6 µs, t<sub>BUF</sub> 1.3 µs.</summary>
    public static readonly I2cBusSpeed Fast = new("fast", 400_000,
        SimTime.FromMicroseconds(0.6), SimTime.FromMicroseconds(0.6), SimTime.FromMicroseconds(0.6), SimTime.FromMicroseconds(1.3));

    /// <summary>One SCL period, 1/f<sub>SCL</sub> (10 µs in standard-mode, 2.5 µs in fast-mode).</summary>
    public SimTime ClockPeriod => SimTime.FromSeconds(1.0 / ClockHertz);

    /// <summary>The mode called <paramref name="name"/> (standard or fast).</summary>
    public static I2cBusSpeed Named(string name) => name switch
    {
        "standard" => Standard,
        "fast" => Fast,
        _ => throw new ArgumentException($"an I2C speed mode is standard or fast, not '{name}'", nameof(name)),
    };
}
