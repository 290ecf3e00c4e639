using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// Creates the driver and device halves of a virtqueue in the format the negotiated features select
/// (VIRTIO_F_RING_PACKED: packed, else split), so device models never name a ring format.
/// </summary>
public static class Virtqueues
{
    /// <summary>The driver half for <paramref name="config"/> over the guest's own memory.</summary>
    public static IDriverQueue CreateDriver(GuestMemory memory, QueueConfig config, ulong indirectArea = 0, int maxIndirectEntries = 0) =>
        config.IsPacked
            ? new PackedDriverQueue(memory, config, indirectArea, maxIndirectEntries)
            : new SplitDriverQueue(memory, config, indirectArea, maxIndirectEntries);

    /// <summary>The device half for <paramref name="config"/>, or null after reporting a bad configuration to <paramref name="sink"/>.</summary>
    public static IDeviceQueue? CreateDevice(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink) =>
        config.IsPacked ? PackedDeviceQueue.TryCreate(memory, config, sink) : SplitDeviceQueue.TryCreate(memory, config, sink);
}
