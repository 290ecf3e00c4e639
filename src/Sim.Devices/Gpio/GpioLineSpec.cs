using Sim.Core.Randomness;

namespace Sim.Devices.Gpio;

/// <summary>How the guest uses a GPIO line (virtio 1.2, 5.18.6 Set Direction).</summary>
public enum GpioLineRole
{
    /// <summary>Left unrequested (direction none).</summary>
    Unused,
    /// <summary>An output the driver drives (SET_VALUE before SET_DIRECTION out, as 5.18.6 advises).</summary>
    Output,
    /// <summary>An input, with an interrupt when its trigger type is not VIRTIO_GPIO_IRQ_TYPE_NONE.</summary>
    Input,
}

/// <summary>
/// One line of a virtio-gpio device (virtio 1.2, 5.18): its name (in the gpio-names block, 5.18.6 Get Line Names), its
/// role, its trigger type for an input with an interrupt, and for an input the signal on it: the line stays high for a
/// draw of <see cref="High"/>, then low for a draw of <see cref="Low"/>, and so on (a door switch: open for seconds,
/// closed for minutes; a CAN transceiver's interrupt: low pulses of microseconds).
/// </summary>
/// <param name="Name">The line's name (7-bit ASCII, unique; "" for none).</param>
/// <param name="Role">Unused, output or input.</param>
/// <param name="IrqType">An input's trigger type (VIRTIO_GPIO_IRQ_TYPE_*; none: no interrupt).</param>
/// <param name="High">An input: how long the line stays high.</param>
/// <param name="Low">An input: how long the line stays low.</param>
public sealed record GpioLineSpec(string Name, GpioLineRole Role, uint IrqType = GpioLayout.IrqTypeNone, DelayDistribution? High = null, DelayDistribution? Low = null)
{
    /// <summary>Whether the guest enables an interrupt on the line.</summary>
    public bool HasIrq => Role == GpioLineRole.Input && IrqType != GpioLayout.IrqTypeNone;

    /// <summary>Whether a signal drives the line (an input with both durations).</summary>
    public bool IsDriven => Role == GpioLineRole.Input && High is not null && Low is not null;
}
