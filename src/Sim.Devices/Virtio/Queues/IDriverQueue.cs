namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The driver's half of a virtqueue (split or packed), writing the guest's own memory: add chains of device-readable
/// and device-writable buffers, decide whether to kick, reclaim used buffers, and suppress or re-enable used-buffer
/// interrupts. Mirrors Linux <c>virtqueue_add_sgs</c>, <c>virtqueue_kick_prepare</c>, <c>virtqueue_get_buf</c>,
/// <c>virtqueue_disable_cb</c> / <c>virtqueue_enable_cb</c> (drivers/virtio/virtio_ring.c).
/// </summary>
public interface IDriverQueue
{
    /// <summary>The queue's configuration.</summary>
    QueueConfig Config { get; }

    /// <summary>Descriptors (ring slots) not in use.</summary>
    int FreeDescriptors { get; }

    /// <summary>True once the device returned something impossible (an id not in flight): the driver stops using the ring (Linux BAD_RING).</summary>
    bool IsBroken { get; }

    /// <summary>Chains added and not yet reclaimed.</summary>
    int InFlight { get; }

    /// <summary>
    /// Adds one chain (readable buffers first, then writable ones) and makes it available to the device, using an
    /// indirect table when negotiated and the chain has more than one buffer. <paramref name="token"/> comes back from
    /// <see cref="TryReclaim"/>. False (nothing written) when there is no room, the chain is empty, or it has more
    /// buffers than the queue size (a driver may not make such a chain even with an indirect table: virtio 1.2,
    /// 2.7.5.3.1 / 2.8.17).
    /// </summary>
    bool TryAdd(ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, long token);

    /// <summary>
    /// Whether the device must be notified of the chains added since the last call (flags, or EVENT_IDX
    /// <c>vring_need_event</c> against the device's avail_event / event suppression area).
    /// </summary>
    bool KickNeeded();

    /// <summary>Takes one used buffer back: its token and the bytes the device wrote. False when none is used.</summary>
    bool TryReclaim(out long token, out uint writtenLength);

    /// <summary>
    /// Asks the device not to interrupt for used buffers: split rings set VRING_AVAIL_F_NO_INTERRUPT (with EVENT_IDX they
    /// leave used_event alone); packed rings write DISABLE in the driver event suppression area.
    /// </summary>
    void DisableInterrupts();

    /// <summary>
    /// Asks for an interrupt at the next used buffer; returns false if used buffers are already pending (the driver
    /// must reclaim them instead of waiting: this is what prevents a lost wake-up).
    /// </summary>
    bool EnableInterrupts();
}
