using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Rpmb;

/// <summary>
/// What virtio-rpmb work costs beyond the virtqueue (<see cref="Common.RingCosts"/>), from the cost profile:
/// <c>rpmb.mac</c>, one HMAC-SHA256 over a frame's 284 authenticated bytes (driver and device alike);
/// <c>rpmb.storage.write</c> and <c>rpmb.storage.read</c>, the backing eMMC RPMB partition's time per 256-byte block
/// (a delay: the backend waits for the medium); <c>rpmb.guest.request</c>, the guest's RPMB stack per request.
/// </summary>
/// <param name="Mac">Time per frame authenticated or checked.</param>
/// <param name="StorageWrite">Medium time per block written (a delay).</param>
/// <param name="StorageRead">Medium time per block read (a delay).</param>
/// <param name="GuestRequest">Guest vCPU time per request.</param>
public sealed record RpmbCosts(CostItem Mac, CostItem StorageWrite, CostItem StorageRead, CostItem GuestRequest)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["rpmb.mac", "rpmb.storage.write", "rpmb.storage.read", "rpmb.guest.request"];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static RpmbCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new RpmbCosts(profile.CostOf(Names[0]), profile.CostOf(Names[1]), profile.CostOf(Names[2]), profile.CostOf(Names[3]));
    }
}
