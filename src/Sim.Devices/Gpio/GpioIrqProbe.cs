using Sim.Core.Time;

namespace Sim.Devices.Gpio;

/// <summary>
/// A measurement probe, not part of virtio (virtio-gpio's <c>virtio_gpio_irq_response</c> carries only a status,
/// 5.18.7): the backend tells the driver when the edge it is about to deliver on a line happened (at once, or latched
/// while the line was masked), as a logic analyser on the line would, so that the driver can measure the interrupt's
/// latency from the edge to its handling. Sent just before the eventq buffer is returned; the driver's model of the
/// device learns nothing else from it. Plain data.
/// </summary>
/// <param name="Line">The line.</param>
/// <param name="EdgeAt">When the delivered edge (or, for a level interrupt, the delivery) happened.</param>
public sealed record GpioIrqProbe(int Line, SimTime EdgeAt);
