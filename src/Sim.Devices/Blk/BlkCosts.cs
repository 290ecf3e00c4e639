using Sim.Core.Costs;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Blk;

/// <summary>
/// The costs of a virtio-blk device beyond the virtqueue: the guest's I/O stack per request (<c>guest.blk.request</c>)
/// and the backing store, resolved once from a <see cref="CostProfile"/> by name; the virtqueue work is
/// <see cref="Sim.Devices.Common.RingCosts"/> and what the platform charges comes from the platform.
/// </summary>
public static class BlkCosts
{
    /// <summary>The profile entries <see cref="StorageFrom"/> and <see cref="GuestRequest"/> read.</summary>
    public static readonly IReadOnlyList<string> StorageNames =
        ["storage.readAccess", "storage.readBandwidth", "storage.writeAccess", "storage.writeBandwidth", "storage.flush", "guest.blk.request"];

    /// <summary>
    /// The guest's I/O stack per request (the system call, block layer and completion around the virtio-blk driver),
    /// charged on the driver's vCPU for every request it submits (<c>guest.blk.request</c>).
    /// </summary>
    public static CostItem GuestRequest(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.CostOf("guest.blk.request");
    }

    /// <summary>
    /// The backing store's timing from <paramref name="profile"/>: constant access times and flush, and the read and write
    /// bandwidths (entries given as rates, e.g. <c>2GB/s</c>). A RAM-backed disk (<paramref name="ramDisk"/>, the default)
    /// is <see cref="BlkStorageTiming.CpuBound"/>: the backend thread does the work; otherwise a drive serves on its own.
    /// </summary>
    public static BlkStorageTiming StorageFrom(CostProfile profile, bool ramDisk = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new BlkStorageTiming(
            new ConstantDelay(profile.Time("storage.readAccess")),
            Bandwidth(profile, "storage.readBandwidth"),
            new ConstantDelay(profile.Time("storage.writeAccess")),
            Bandwidth(profile, "storage.writeBandwidth"),
            new ConstantDelay(profile.Time("storage.flush")),
            CpuBound: ramDisk);
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
