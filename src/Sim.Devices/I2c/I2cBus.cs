using Sim.Core.Time;

namespace Sim.Devices.I2c;

/// <summary>
/// The simulated I2C bus a virtio-i2c backend drives (virtio 1.2, 5.16: the host adapter behind the device), with its
/// targets at 7-bit addresses. It carries out one message at a time, as the controller of the host's
/// <c>/dev/i2c-N</c> does for an <c>I2C_RDWR</c> ioctl: a target that is not there does not acknowledge its address
/// (NACK, NXP UM10204 3.1.6), and the message and its transaction end there. The bus time of every message follows
/// <see cref="I2cBusTiming"/>. Owned by one backend.
/// </summary>
public sealed class I2cBus
{
    private readonly Dictionary<byte, I2cTarget> _targets = new();

    /// <summary>A bus at <paramref name="speed"/> with <paramref name="targets"/> (distinct addresses).</summary>
    public I2cBus(I2cBusSpeed speed, IEnumerable<I2cTarget> targets)
    {
        Speed = speed ?? throw new ArgumentNullException(nameof(speed));
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
            if (!_targets.TryAdd(target.Address, target))
                throw new ArgumentException($"two I2C targets at address 0x{target.Address:x2}", nameof(targets));
    }

    /// <summary>The bus's speed mode.</summary>
    public I2cBusSpeed Speed { get; }

    /// <summary>The target at <paramref name="address"/>, or null.</summary>
    public I2cTarget? At(byte address) => _targets.GetValueOrDefault(address);

    /// <summary>
    /// Carries out one message to 7-bit <paramref name="address"/>: a read fills <paramref name="data"/>, a write sends
    /// it. Returns whether every byte was acknowledged, and the message's bus time in <paramref name="busTime"/>.
    /// </summary>
    public bool Transfer(byte address, bool read, Span<byte> data, bool repeatedStart, bool stop, out SimTime busTime)
    {
        var target = At(address);
        bool acknowledged = target is not null && (read || target.Write(data));
        if (acknowledged && read) target!.Read(data);
        busTime = I2cBusTiming.Message(Speed, data.Length, repeatedStart, stop, target is not null, target?.StretchPerByte ?? default);
        return acknowledged;
    }
}
