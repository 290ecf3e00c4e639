using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>
/// A digital temperature sensor on the I2C bus (register map as TI TMP102-class sensors: a pointer register written
/// first, then 16-bit registers read MSB first; register 0 the temperature, 12 bits left-justified at 0.0625 °C per
/// count; 1 configuration; 2 and 3 the alarm limits). Deterministic: the temperature starts at
/// <see cref="StartCentiCelsius"/> and follows a slow sawtooth of ±2 °C, one count per conversion read, so a run's
/// readings never depend on anything but the order of reads. The virtio-i2c backend reaches it through its
/// <see cref="I2cBus"/> (virtio 1.2, 5.16).
/// </summary>
public sealed class I2cTemperatureSensor : I2cTarget
{
    /// <summary>The temperature at the first read, in hundredths of a degree Celsius.</summary>
    public const int StartCentiCelsius = 2150;

    private const int Registers = 4;
    private const int SawtoothCounts = 64;   // ±2 °C at 0.0625 °C per count
    private readonly ushort[] _registers = new ushort[Registers];
    private int _pointer, _reads;

    /// <summary>A sensor at 7-bit <paramref name="address"/> (a TMP102 answers at 0x48 to 0x4b).</summary>
    public I2cTemperatureSensor(byte address, SimTime stretchPerByte = default) : base(address, stretchPerByte)
    {
        _registers[1] = 0x60A0;   // configuration at power-up: 12-bit conversions, 4 Hz
        _registers[2] = 0x4B00;   // T_LOW 75 °C
        _registers[3] = 0x5000;   // T_HIGH 80 °C
    }

    /// <summary>Reads of the temperature register so far.</summary>
    public int Conversions => _reads;

    /// <summary>The temperature register's value at read <paramref name="n"/> (0 the first): 12 bits left-justified.</summary>
    public static ushort TemperatureAt(int n)
    {
        int start = StartCentiCelsius * 16 / 100;   // counts of 0.0625 °C
        int phase = n % (2 * SawtoothCounts);
        int offset = phase < SawtoothCounts ? phase - SawtoothCounts / 2 : SawtoothCounts * 3 / 2 - phase;
        return (ushort)((start + offset) << 4);
    }

    /// <inheritdoc />
    public override bool Write(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return true;
        if (data[0] >= Registers) return false;   // an unknown pointer is not acknowledged
        _pointer = data[0];
        if (data.Length >= 3 && _pointer != 0) _registers[_pointer] = (ushort)(data[1] << 8 | data[2]);
        return true;
    }

    /// <inheritdoc />
    public override void Read(Span<byte> data)
    {
        ushort value = _pointer == 0 ? TemperatureAt(_reads++) : _registers[_pointer];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i % 2 == 0 ? value >> 8 : value);
    }
}
