using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Blk;

/// <summary>
/// The work the virtio-blk driver and device spend on the virtqueue itself (virtio 1.2, 2.7 / 2.8), resolved once from
/// a <see cref="CostProfile"/> by name; what the platform charges (exits, interrupts, DMA mappings) comes from the
/// platform instead. Plain data; the hot path reads fields, not the profile.
/// </summary>
/// <param name="AddChain">Driver: building and publishing one request chain (<c>vcpu.addChain</c>).</param>
/// <param name="ReclaimChain">Driver: taking one used chain back (<c>vcpu.reclaimChain</c>).</param>
/// <param name="PopChain">Device: walking and validating one available chain (<c>backend.popChain</c>).</param>
/// <param name="PushUsed">Device: publishing one used element (<c>backend.pushUsed</c>).</param>
public sealed record BlkCosts(SimTime AddChain, SimTime ReclaimChain, SimTime PopChain, SimTime PushUsed)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["vcpu.addChain", "vcpu.reclaimChain", "backend.popChain", "backend.pushUsed"];

    /// <summary>The profile entries <see cref="StorageFrom"/> reads.</summary>
    public static readonly IReadOnlyList<string> StorageNames =
        ["storage.readAccess", "storage.readBandwidth", "storage.writeAccess", "storage.writeBandwidth", "storage.flush"];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming the first missing entry.</summary>
    public static BlkCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new BlkCosts(
            profile.Time("vcpu.addChain"),
            profile.Time("vcpu.reclaimChain"),
            profile.Time("backend.popChain"),
            profile.Time("backend.pushUsed"));
    }

    /// <summary>
    /// The backing store's timing from <paramref name="profile"/>: constant access times and flush, and the read and write
    /// bandwidths (entries given as rates, e.g. <c>2GB/s</c>).
    /// </summary>
    public static BlkStorageTiming StorageFrom(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new BlkStorageTiming(
            new ConstantDelay(profile.Time("storage.readAccess")),
            Bandwidth(profile, "storage.readBandwidth"),
            new ConstantDelay(profile.Time("storage.writeAccess")),
            Bandwidth(profile, "storage.writeBandwidth"),
            new ConstantDelay(profile.Time("storage.flush")));
    }

    private static long Bandwidth(CostProfile profile, string name)
    {
        double rate = profile[name].BytesPerSecond
            ?? throw new InvalidOperationException($"cost profile '{profile.Name}': '{name}' must be a bandwidth (e.g. 2GB/s)");
        if (!(rate >= 1) || rate > long.MaxValue)
            throw new InvalidOperationException($"cost profile '{profile.Name}': '{name}' is {rate} B/s; a storage bandwidth must be at least 1 B/s");
        return (long)rate;
    }
}
