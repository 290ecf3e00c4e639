using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Gpio;

/// <summary>
/// What virtio-gpio work costs beyond the virtqueue (<see cref="Common.RingCosts"/>), from the cost profile:
/// <c>gpio.backend.request</c>, the backend's carrying out of one requestq message on the host's GPIO character device
/// (a <c>GPIO_V2_*</c> ioctl on <c>/dev/gpiochipN</c>, as rust-vmm's vhost-device-gpio does; virtio 1.2, 5.18.6);
/// <c>gpio.backend.irq</c>, the backend's handling of one line event (the <c>read(2)</c> of a
/// <c>gpio_v2_line_event</c> from the line's file descriptor and the wake-up of the thread waiting on it, 5.18.7);
/// <c>gpio.guest.request</c>, the guest's work per message outside the ring (gpiolib and Linux <c>virtio_gpio_req</c>
/// waiting for its completion); <c>gpio.guest.irq</c>, the guest's handling of one interrupt (the eventq callback,
/// <c>generic_handle_domain_irq</c> and the consumer's handler).
/// </summary>
/// <param name="BackendRequest">Backend time per message.</param>
/// <param name="BackendIrq">Backend time per line event.</param>
/// <param name="GuestRequest">Guest vCPU time per message.</param>
/// <param name="GuestIrq">Guest vCPU time per interrupt.</param>
public sealed record GpioCosts(CostItem BackendRequest, CostItem BackendIrq, CostItem GuestRequest, CostItem GuestIrq)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["gpio.backend.request", "gpio.backend.irq", "gpio.guest.request", "gpio.guest.irq"];

    /// <summary>Resolves the costs from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static GpioCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new GpioCosts(profile.CostOf(Names[0]), profile.CostOf(Names[1]), profile.CostOf(Names[2]), profile.CostOf(Names[3]));
    }
}
