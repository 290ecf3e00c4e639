using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Common;

/// <summary>
/// The work a virtio driver and device spend on the virtqueue itself (virtio 1.2, 2.7 and 2.8) and on copying their own
/// payloads, whatever the device and the platform: resolved once from a <see cref="CostProfile"/> by name, as charges
/// the actors spend (each lands in the spender's ledger under its entry's name). What the platform charges (exits,
/// hypercalls, interrupts, DMA mappings, bounce copies) comes from the platform instead. Plain data.
/// </summary>
/// <param name="AddChain">Driver: building and publishing one request chain (<c>vcpu.addChain</c>).</param>
/// <param name="ReclaimChain">Driver: taking one used chain back (<c>vcpu.reclaimChain</c>).</param>
/// <param name="PopChain">Device: walking and validating one available chain (<c>backend.popChain</c>).</param>
/// <param name="PushUsed">Device: publishing one used element (<c>backend.pushUsed</c>).</param>
/// <param name="Memcpy">Copying payload bytes (<c>cpu.memcpy</c>).</param>
public sealed record RingCosts(CostItem AddChain, CostItem ReclaimChain, CostItem PopChain, CostItem PushUsed, CostRate Memcpy)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["vcpu.addChain", "vcpu.reclaimChain", "backend.popChain", "backend.pushUsed", "cpu.memcpy"];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming the first missing entry.</summary>
    public static RingCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new RingCosts(
            profile.CostOf("vcpu.addChain"),
            profile.CostOf("vcpu.reclaimChain"),
            profile.CostOf("backend.popChain"),
            profile.CostOf("backend.pushUsed"),
            profile.RateOf("cpu.memcpy"));
    }

    /// <summary>Copying <paramref name="bytes"/> with memcpy, as a charge (nothing for no bytes).</summary>
    public CostCharge Copy(long bytes) => Memcpy.ForBytes(bytes);
}
