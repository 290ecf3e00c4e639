namespace Sim.Devices.Gpio;

/// <summary>What a popped virtio-gpio chain turned out to be (virtio 1.2, 5.18.6 and 5.18.7).</summary>
public enum GpioShape
{
    /// <summary>Well-formed: answered with a status.</summary>
    Valid,
    /// <summary>The chain breaks the driver requirements (a finding; the device needs a reset).</summary>
    Malformed,
    /// <summary>The platform refused one of its buffers.</summary>
    Refused,
}

/// <summary>
/// The outcome of one requestq message (virtio 1.2, 5.18.6): its shape, the status and value written, the used length,
/// and the line whose held eventq buffer must go back with VIRTIO_GPIO_IRQ_STATUS_INVALID (a disabled interrupt,
/// 5.18.7 device requirements), or -1.
/// </summary>
/// <param name="Shape">Valid, malformed or refused.</param>
/// <param name="Problem">What is wrong (malformed), or why the status is ERR; "" otherwise.</param>
/// <param name="Status">VIRTIO_GPIO_STATUS_OK or _ERR.</param>
/// <param name="UsedLength">Bytes written into the response.</param>
/// <param name="Invalidate">A line whose held eventq buffer goes back INVALID, or -1.</param>
public readonly record struct GpioOutcome(GpioShape Shape, string Problem, byte Status, uint UsedLength, int Invalidate = -1)
{
    /// <summary>A malformed or refused chain.</summary>
    public static GpioOutcome Bad(GpioShape shape, string problem) => new(shape, problem, GpioLayout.StatusErr, 0);
}
