namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The device's half of a virtqueue (split or packed), reaching guest memory only through its access path: pop
/// validated chains, publish used buffers, decide whether to interrupt, and suppress or re-enable kicks. A broken rule
/// goes to the <see cref="IQueueViolationSink"/> and leaves the queue <see cref="IsBroken"/>: it pops nothing more
/// until reset. Mirrors vhost's <c>vhost_get_vq_desc</c>, <c>vhost_add_used</c>, <c>vhost_notify</c>,
/// <c>vhost_disable_notify</c> / <c>vhost_enable_notify</c>.
/// </summary>
public interface IDeviceQueue
{
    /// <summary>The queue's configuration.</summary>
    QueueConfig Config { get; }

    /// <summary>True after a rule was broken: the device needs a reset.</summary>
    bool IsBroken { get; }

    /// <summary>
    /// Fills <paramref name="chain"/> with the next available chain after walking and validating it. False when no
    /// chain is available, the queue is broken, or the chain broke a rule (then <see cref="IsBroken"/> is set).
    /// </summary>
    bool TryPop(DescriptorChain chain);

    /// <summary>Publishes a used buffer for the popped chain <paramref name="id"/> (of <paramref name="descriptorCount"/> descriptors) with <paramref name="writtenLength"/> bytes written.</summary>
    void PushUsed(ushort id, int descriptorCount, uint writtenLength);

    /// <summary>Whether the driver must be interrupted for the used buffers published since the last call.</summary>
    bool InterruptNeeded();

    /// <summary>
    /// The device model's access path refused a buffer of the popped <paramref name="chain"/> (DescriptorChain.Read or
    /// Write returned -1): reports <see cref="QueueRule.BufferOutsideMemory"/> and breaks the queue.
    /// </summary>
    void ReportRefusedBuffer(DescriptorChain chain);

    /// <summary>
    /// Asks the driver not to kick: split rings set VRING_USED_F_NO_NOTIFY (with EVENT_IDX they leave avail_event
    /// alone); packed rings write DISABLE in the device event suppression area.
    /// </summary>
    void DisableNotifications();

    /// <summary>Asks for a kick at the next available chain; false if chains are already available (pop them instead).</summary>
    bool EnableNotifications();
}
