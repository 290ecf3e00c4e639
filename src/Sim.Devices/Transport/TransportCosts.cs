using Sim.Core.Time;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Transport;

/// <summary>
/// The costs the virtio transport charges, resolved once from a <see cref="CostProfile"/> by name (see
/// <c>profiles/flat-default.yaml</c> for each figure's source). Plain data; the hot path reads fields, not the profile.
/// </summary>
public sealed record TransportCosts(
    SimTime Kick,
    SimTime KickExit,
    SimTime MmioExit,
    SimTime Interrupt,
    SimTime InterruptEntry,
    SimTime AddChain,
    SimTime ReclaimChain,
    SimTime PopChain,
    SimTime PushUsed,
    SimTime BackendWakeup,
    CostEntry Memcpy)
{
    /// <summary>The profile entries this record needs.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "notify.kick", "vcpu.kickExit", "vcpu.mmioExit", "notify.interrupt", "vcpu.interruptEntry", "vcpu.addChain",
        "vcpu.reclaimChain", "backend.popChain", "backend.pushUsed", "backend.wakeup", "cpu.memcpy",
    ];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming the first missing entry.</summary>
    public static TransportCosts From(CostProfile profile) => new(
        profile.Time("notify.kick"),
        profile.Time("vcpu.kickExit"),
        profile.Time("vcpu.mmioExit"),
        profile.Time("notify.interrupt"),
        profile.Time("vcpu.interruptEntry"),
        profile.Time("vcpu.addChain"),
        profile.Time("vcpu.reclaimChain"),
        profile.Time("backend.popChain"),
        profile.Time("backend.pushUsed"),
        profile.Time("backend.wakeup"),
        profile["cpu.memcpy"]);

    /// <summary>The time to copy <paramref name="bytes"/> with memcpy.</summary>
    public SimTime Copy(long bytes) => bytes <= 0 ? SimTime.Zero : Memcpy.ForBytes(bytes);
}
