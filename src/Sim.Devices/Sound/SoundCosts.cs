using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Sound;

/// <summary>
/// What virtio-snd work costs beyond the virtqueue and the copies (<see cref="Common.RingCosts"/>), from the cost profile
/// (virtio 1.2, 5.14.6.8): <c>sound.backend.period</c>, the host audio server's work for one period (mixing and
/// converting it into the hardware buffer, QEMU's audio layer or a vhost-user-sound daemon and the sound server behind
/// it), and <c>sound.guest.period</c>, the guest's work for one period (ALSA's period-elapsed wake-up of the
/// application, its write and the driver's building of the I/O message, Linux <c>virtsnd_pcm_msg_send</c>).
/// </summary>
/// <param name="BackendPeriod">Backend time per period played.</param>
/// <param name="GuestPeriod">Guest vCPU time per period written.</param>
public sealed record SoundCosts(CostItem BackendPeriod, CostItem GuestPeriod)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["sound.backend.period", "sound.guest.period"];

    /// <summary>Resolves both costs from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static SoundCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SoundCosts(profile.CostOf(Names[0]), profile.CostOf(Names[1]));
    }
}
