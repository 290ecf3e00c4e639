namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// What a device does with each chain <see cref="DeviceQueueLoops.DrainAvailable{THandler}"/> pops (virtio 1.2, 2.7.13:
/// the device's side of a used-buffer exchange, served with available-buffer notifications suppressed). Implemented by
/// small structs a device model keeps private, so a drain allocates nothing and calls the device directly.
/// </summary>
public interface IAvailableChainHandler
{
    /// <summary>The chain object the next pop fills (a device that keeps popped chains hands out a fresh one each time).</summary>
    DescriptorChain NextChain { get; }

    /// <summary>
    /// Serves <paramref name="chain"/>, just popped from <paramref name="queue"/>; false stops the drain at once (a
    /// buffer was refused and the queue is broken, or the device gave up), leaving notifications as they are.
    /// </summary>
    bool Serve(IDeviceQueue queue, DescriptorChain chain);

    /// <summary>
    /// Asked when the ring is empty, before notifications are re-enabled: true ends the drain with them still suppressed
    /// (a device that needs a reset takes no more kicks).
    /// </summary>
    bool StopBeforeWaiting { get; }
}
