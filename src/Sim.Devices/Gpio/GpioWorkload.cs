using System.Text;
using Sim.Core.Randomness;

namespace Sim.Devices.Gpio;

/// <summary>
/// A virtio-gpio device's lines and what the guest does with them (virtio 1.2, 5.18): at probe GET_NAMES and
/// GET_DIRECTION of every line (as Linux's gpiochip registration asks each line's direction), then each line set up for
/// its <see cref="GpioLineSpec.Role"/>; outputs toggled every <see cref="Toggle"/> (an LED blinking, a relay), and
/// every interrupt handled by reading the line's value (GET_VALUE, as a gpio-keys handler does). The device has
/// <c>ngpio</c> = the number of lines and a names block of every name NUL-terminated (5.18.4).
/// </summary>
/// <param name="Lines">The device's lines, numbered from 0.</param>
/// <param name="Toggle">The time between output toggles (null: outputs are set once).</param>
/// <param name="Outstanding">Requests the driver keeps in flight at most (Linux: one per line at a time).</param>
public sealed record GpioWorkload(IReadOnlyList<GpioLineSpec> Lines, DelayDistribution? Toggle, int Outstanding = 4)
{
    /// <summary>The gpio-names block (5.18.6 Get Line Names): each name then a NUL, in line order.</summary>
    public byte[] NamesBlock()
    {
        var bytes = new List<byte>();
        foreach (var line in Lines)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(line.Name));
            bytes.Add(0);
        }
        return [.. bytes];
    }

    /// <summary><c>gpio_names_size</c>: the names block's length.</summary>
    public int NamesSize => Lines.Sum(l => Encoding.ASCII.GetByteCount(l.Name) + 1);

    /// <summary>Whether any line has an interrupt (the driver then needs VIRTIO_GPIO_F_IRQ).</summary>
    public bool UsesIrq => Lines.Any(l => l.HasIrq);
}
