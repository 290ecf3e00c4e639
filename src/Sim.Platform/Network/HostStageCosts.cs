using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// What one Linux host networking stage costs a packet, from the cost profile under a prefix such as
/// <c>net.host.tap</c>: <c>PREFIX.perPacket</c> (CPU time per packet, the stage's occupancy), optionally
/// <c>PREFIX.latency</c> (a fixed hand-off after the work that does not occupy the stage: interrupt moderation, a
/// cross-CPU queue) and <c>PREFIX.wakeup</c> (the mean of the exponential delay before an idle stage's thread runs
/// again: its scheduling latency on a CPU shared with the background flows). A stage whose interrupts are modelled
/// (<see cref="HostStage.Moderation"/>) also pays <see cref="Interrupt"/> per interrupt: the NIC's
/// (<c>net.host.nic.interrupt</c>), whatever the stage's kind, given by whoever builds the stage.
/// </summary>
/// <param name="PerPacket">CPU time per packet.</param>
/// <param name="Latency">Fixed hand-off delay after the work.</param>
/// <param name="WakeupMean">Mean wake-up delay of an idle stage; zero for a stage that runs at once.</param>
/// <param name="Prefix">The entries' prefix, for the stage's ledger (e.g. <c>net.host.tap</c>).</param>
/// <param name="Interrupt">CPU work per interrupt when the stage's interrupts are modelled; zero for none.</param>
public sealed record HostStageCosts(SimTime PerPacket, SimTime Latency, SimTime WakeupMean, string Prefix = "net.host.stage", SimTime Interrupt = default)
{
    /// <summary>The costs under <paramref name="prefix"/> in <paramref name="profile"/>; <c>perPacket</c> is required, the others default to zero.</summary>
    public static HostStageCosts From(CostProfile profile, string prefix) =>
        new(profile.Time($"{prefix}.perPacket"),
            profile.Has($"{prefix}.latency") ? profile.Time($"{prefix}.latency") : SimTime.Zero,
            profile.Has($"{prefix}.wakeup") ? profile.Time($"{prefix}.wakeup") : SimTime.Zero,
            prefix);
}
