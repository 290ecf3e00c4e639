using Sim.Core.Randomness;
using Sim.Core.Time;

namespace Sim.Devices.Input;

/// <summary>What kind of human interface device produces the reports (<see cref="InputReportSource"/>).</summary>
public enum InputSourceKind
{
    /// <summary>
    /// A capacitive touchscreen: while a finger is down it reports at <see cref="InputWorkload.ReportRate"/> (a
    /// contact's position; the first report of a contact adds its tracking id and BTN_TOUCH, a last one lifts it).
    /// </summary>
    Touchscreen,

    /// <summary>A rotary controller: one REL_DIAL detent (+1 or -1) per report, reports <see cref="InputWorkload.Gap"/> apart within a turn.</summary>
    Rotary,
}

/// <summary>
/// The input a virtio-input device delivers (virtio 1.2, 5.8.6.1) and how the driver receives it. A touchscreen
/// alternates contacts (<see cref="Contact"/> long, reporting every 1/<see cref="ReportRate"/>) with pauses
/// (<see cref="Pause"/>); a rotary controller alternates turns of detents <see cref="Gap"/> apart, <see cref="Contact"/>
/// long, with pauses. Every report carries an MSC_TIMESTAMP (the device's microsecond clock, as HID multitouch devices
/// send it), from which the driver measures the report's latency. The driver keeps <see cref="EventBuffers"/> buffers
/// of one event each posted on the eventq (Linux <c>virtio_input.c</c> posts 64).
/// </summary>
/// <param name="Kind">Touchscreen or rotary controller.</param>
/// <param name="ReportRate">Touchscreen reports per second while a finger is down (e.g. 120 or 240 Hz).</param>
/// <param name="Contact">How long a contact (touch) or a turn (rotary) lasts.</param>
/// <param name="Pause">The time between contacts or turns.</param>
/// <param name="Gap">Rotary: the time between detents within a turn.</param>
/// <param name="EventBuffers">Event buffers the driver keeps posted (at most the queue size).</param>
/// <param name="Width">Touchscreen: the x axis's range (0 to Width-1).</param>
/// <param name="Height">Touchscreen: the y axis's range (0 to Height-1).</param>
public sealed record InputWorkload(InputSourceKind Kind, double ReportRate, DelayDistribution Contact, DelayDistribution Pause, DelayDistribution Gap,
    int EventBuffers = 64, int Width = 1920, int Height = 720)
{
    /// <summary>Touchscreen: the time between reports while a finger is down.</summary>
    public SimTime ReportPeriod => SimTime.FromSeconds(1 / ReportRate);

    /// <summary>The configuration the device presents for this workload's kind.</summary>
    public InputDeviceProfile Profile => Kind == InputSourceKind.Touchscreen ? InputDeviceProfile.Touchscreen(Width, Height) : InputDeviceProfile.Rotary();
}
