using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Adversaries;

/// <summary>
/// A device queue whose every operation tells its <see cref="FencedDeviceMemory"/> what the device is doing, so each
/// access is checked against its phase (virtio 1.2, 2.7: the device reads rings and descriptor tables while it walks a
/// chain, and writes only ring areas while it publishes used buffers and notification state): popping is
/// <see cref="FencedDeviceMemory.Phase.Walk"/>; using a chain, interrupting, suppressing or re-enabling notifications
/// and reporting a refused buffer are <see cref="FencedDeviceMemory.Phase.Publish"/>. Moving data
/// (<see cref="FencedDeviceMemory.Phase.Data"/>) is the device model's to declare.
/// </summary>
public sealed class FencedDeviceQueue(IDeviceQueue inner, FencedDeviceMemory fence) : IDeviceQueue
{
    /// <summary>The fence the phases are set on.</summary>
    public FencedDeviceMemory Fence => fence;

    /// <inheritdoc />
    public QueueConfig Config => inner.Config;

    /// <inheritdoc />
    public bool IsBroken => inner.IsBroken;

    /// <inheritdoc />
    public bool TryPop(DescriptorChain chain)
    {
        fence.Current = FencedDeviceMemory.Phase.Walk;
        return inner.TryPop(chain);
    }

    /// <inheritdoc />
    public void PushUsed(ushort id, int descriptorCount, uint writtenLength)
    {
        fence.Current = FencedDeviceMemory.Phase.Publish;
        inner.PushUsed(id, descriptorCount, writtenLength);
    }

    /// <inheritdoc />
    public bool InterruptNeeded()
    {
        fence.Current = FencedDeviceMemory.Phase.Publish;
        return inner.InterruptNeeded();
    }

    /// <inheritdoc />
    public void ReportRefusedBuffer(DescriptorChain chain)
    {
        fence.Current = FencedDeviceMemory.Phase.Publish;
        inner.ReportRefusedBuffer(chain);
    }

    /// <inheritdoc />
    public void DisableNotifications()
    {
        fence.Current = FencedDeviceMemory.Phase.Publish;
        inner.DisableNotifications();
    }

    /// <inheritdoc />
    public bool EnableNotifications()
    {
        fence.Current = FencedDeviceMemory.Phase.Publish;
        return inner.EnableNotifications();
    }
}
