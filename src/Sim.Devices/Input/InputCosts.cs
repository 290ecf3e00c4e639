using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Input;

/// <summary>
/// What virtio-input work costs beyond the virtqueue (<see cref="Common.RingCosts"/>), from the cost profile:
/// <c>input.backend.report</c>, the backend's read of one report from the host's input device (an evdev
/// <c>read(2)</c> and the translation into virtio events, QEMU <c>virtio-input-host</c> or a vhost-user-input daemon),
/// and <c>input.guest.event</c>, the guest driver's hand-over of one event to the input core
/// (<c>input_event</c> into evdev's client buffers, Linux <c>virtinput_recv_events</c>).
/// </summary>
/// <param name="BackendReport">Backend time per report.</param>
/// <param name="GuestEvent">Guest vCPU time per event.</param>
public sealed record InputCosts(CostItem BackendReport, CostItem GuestEvent)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["input.backend.report", "input.guest.event"];

    /// <summary>Resolves both costs from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static InputCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new InputCosts(profile.CostOf(Names[0]), profile.CostOf(Names[1]));
    }
}
