using Sim.Core.Time;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Transport;

/// <summary>
/// The work a virtio driver and device spend on the virtqueue itself (virtio 1.2, 2.7 and 2.8) and on copying their own
/// payloads, whatever the device and the platform: resolved once from a <see cref="CostProfile"/> by name. What the
/// platform charges (exits, hypercalls, interrupts, DMA mappings, bounce copies) comes from the platform instead.
/// Plain data; the hot path reads fields, not the profile.
/// </summary>
/// <param name="AddChain">Driver: building and publishing one request chain (<c>vcpu.addChain</c>).</param>
/// <param name="ReclaimChain">Driver: taking one used chain back (<c>vcpu.reclaimChain</c>).</param>
/// <param name="PopChain">Device: walking and validating one available chain (<c>backend.popChain</c>).</param>
/// <param name="PushUsed">Device: publishing one used element (<c>backend.pushUsed</c>).</param>
/// <param name="Memcpy">Copying payload bytes (<c>cpu.memcpy</c>).</param>
public sealed record RingCosts(SimTime AddChain, SimTime ReclaimChain, SimTime PopChain, SimTime PushUsed, CostEntry Memcpy)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["vcpu.addChain", "vcpu.reclaimChain", "backend.popChain", "backend.pushUsed", "cpu.memcpy"];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming the first missing entry.</summary>
    public static RingCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new RingCosts(
            profile.Time("vcpu.addChain"),
            profile.Time("vcpu.reclaimChain"),
            profile.Time("backend.popChain"),
            profile.Time("backend.pushUsed"),
            profile["cpu.memcpy"]);
    }

    /// <summary>The time to copy <paramref name="bytes"/> with memcpy.</summary>
    public SimTime Copy(long bytes) => bytes <= 0 ? SimTime.Zero : Memcpy.ForBytes(bytes);
}
