namespace Sim.Devices.Common;

/// <summary>
/// No requests at all (virtio 1.2, 5.1.6.3: a virtio-net guest that only posts and reclaims receive buffers, on queues
/// the driver serves itself): nothing at start, nothing when slots are freed.
/// </summary>
internal sealed class ReceiveOnlyArrivals : RequestArrivals
{
    /// <inheritdoc />
    internal override void Begin() { }

    /// <inheritdoc />
    internal override void SlotsFreed() { }
}
