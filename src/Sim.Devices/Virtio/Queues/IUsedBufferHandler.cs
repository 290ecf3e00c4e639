namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// What a driver does with each used buffer <see cref="DriverQueueLoops.ReclaimUsed{THandler}"/> takes back (virtio
/// 1.2, 2.7.14: the driver's side, reclaiming with used-buffer interrupts suppressed). Implemented by small structs a
/// driver keeps private, so a reclaim allocates nothing and calls the driver directly.
/// </summary>
public interface IUsedBufferHandler
{
    /// <summary>The device used the chain added with <paramref name="token"/>, writing <paramref name="written"/> bytes.</summary>
    void Reclaim(long token, uint written);
}
