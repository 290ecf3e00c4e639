using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.I2c;

/// <summary>
/// What virtio-i2c work costs beyond the virtqueue (<see cref="Common.RingCosts"/>) and the bus itself (the bus time is
/// <see cref="I2cBusTiming"/>, from the I2C specification, not a cost entry), from the cost profile:
/// <c>i2c.backend.request</c>, the backend's handling of one request (virtio 1.2, 5.16.6): its share of the
/// <c>I2C_RDWR</c> ioctl on the host's <c>/dev/i2c-N</c> (as rust-vmm's vhost-device-i2c) and the adapter driver's
/// set-up, the bus time excluded; and <c>i2c.guest.transfer</c>, the guest's work per transfer outside the ring (the
/// I2C core's <c>i2c_transfer</c>, Linux <c>virtio_i2c_xfer</c> preparing the messages, and the wake-up of the waiting
/// caller at completion).
/// </summary>
/// <param name="BackendRequest">Backend time per request (message).</param>
/// <param name="GuestTransfer">Guest vCPU time per transfer.</param>
public sealed record I2cCosts(CostItem BackendRequest, CostItem GuestTransfer)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["i2c.backend.request", "i2c.guest.transfer"];

    /// <summary>Resolves both costs from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static I2cCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new I2cCosts(profile.CostOf(Names[0]), profile.CostOf(Names[1]));
    }
}
