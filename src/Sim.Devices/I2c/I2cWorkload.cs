using Sim.Core.Randomness;

namespace Sim.Devices.I2c;

/// <summary>
/// What a guest does with its virtio-i2c adapter (virtio 1.2, 5.16): it polls one register of a target every
/// <see cref="Period"/> (as a hwmon driver's periodic read through the I2C core): one transfer of two messages, a
/// one-byte write of <see cref="Register"/> (the register pointer) with VIRTIO_I2C_FLAGS_FAIL_NEXT, then a read of
/// <see cref="ReadBytes"/> with VIRTIO_I2C_FLAGS_M_RD (5.16.6.1: "write-read requests ... grouped with
/// VIRTIO_I2C_FLAGS_FAIL_NEXT"). Linux serialises transfers on an adapter, so one transfer is in flight at a time; a
/// poll that comes while the previous one is still waiting to start is skipped (the poller runs late, not twice).
/// </summary>
/// <param name="Address">The 7-bit address polled (a target that is not on the bus NACKs every poll).</param>
/// <param name="Register">The register pointer written first.</param>
/// <param name="ReadBytes">Bytes read back (at least 1).</param>
/// <param name="Period">The time between polls.</param>
public sealed record I2cWorkload(byte Address, byte Register, int ReadBytes, DelayDistribution Period)
{
    /// <summary>Messages per transfer: the register write and the data read.</summary>
    public const int MessagesPerTransfer = 2;
}
