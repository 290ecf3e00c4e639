namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The rules a device enforces on a virtqueue and the chains in it (virtio 1.2, 2.6-2.8; Linux drivers/vhost/vhost.c;
/// rust-vmm virtio-queue), whatever the device type. Breaking one is a finding; the device then stops using the queue and
/// sets DEVICE_NEEDS_RESET. <see cref="QueueRules.Describe"/> gives each rule's stable name and spec section. A device
/// type's own rules on the chains it reads (virtio-net's <c>NetRule</c>) live with that device and reach the same
/// finding through <c>VirtioBackend.DeviceRuleBroken</c>.
/// </summary>
public enum QueueRule
{
    /// <summary>Queue size 0, not a power of two (split), or above the maximum.</summary>
    InvalidQueueSize,
    /// <summary>Descriptor table, driver area or device area not aligned as the layout requires.</summary>
    MisalignedRing,
    /// <summary>A ring (descriptor table, driver or device area) lies outside guest memory or cannot be reached.</summary>
    RingOutsideMemory,
    /// <summary>The queue was used before it was marked ready (or before DRIVER_OK).</summary>
    QueueNotReady,
    /// <summary>The available index moved back, or more than the queue size past the last index the device saw.</summary>
    AvailIndexJump,
    /// <summary>A head index or buffer id at or beyond the queue size.</summary>
    DescriptorIndexOutOfRange,
    /// <summary>A descriptor's next index at or beyond the queue (or indirect table) size.</summary>
    NextOutOfRange,
    /// <summary>A chain revisits a descriptor, or is longer than the queue (or indirect table) size.</summary>
    ChainLoop,
    /// <summary>A device-readable descriptor after a device-writable one ("descriptor has out after in").</summary>
    ReadableAfterWritable,
    /// <summary>INDIRECT used without VIRTIO_F_INDIRECT_DESC negotiated.</summary>
    IndirectNotNegotiated,
    /// <summary>An indirect table whose length is 0 or not a multiple of 16.</summary>
    IndirectLengthInvalid,
    /// <summary>An indirect table of more than 65535 entries (or above the device's limit).</summary>
    IndirectTooLarge,
    /// <summary>An INDIRECT descriptor inside an indirect table.</summary>
    NestedIndirect,
    /// <summary>INDIRECT and NEXT set together on one descriptor.</summary>
    IndirectWithNext,
    /// <summary>The chain's buffers add up to more than 2^32 bytes (exactly 2^32 is allowed).</summary>
    ChainLengthOverflow,
    /// <summary>
    /// A chain of more buffers than the queue size, counting the entries of an indirect table (the pointer to a table
    /// is not a buffer, so it does not count); a split chain in the ring alone that long is a <see cref="ChainLoop"/>.
    /// </summary>
    ChainLongerThanQueue,
    /// <summary>
    /// Packed: a descriptor after the head of a chain that is not available for the device's wrap counter at its slot
    /// (the counter flips where the chain wraps past the end of the ring): the driver made the head available before
    /// the rest of the chain.
    /// </summary>
    ChainDescriptorNotAvailable,
    /// <summary>
    /// Packed: an INDIRECT descriptor reached through NEXT from an earlier descriptor of its chain (an indirect
    /// descriptor must be alone in its list; one that itself has NEXT is <see cref="IndirectWithNext"/>).
    /// </summary>
    IndirectInChain,
    /// <summary>A buffer lies outside guest memory or the access path refused it.</summary>
    BufferOutsideMemory,
    /// <summary>A packed-ring flag or field the driver may not use here (e.g. DESC event flags without EVENT_IDX, flags other than WRITE in an indirect table).</summary>
    InvalidPackedDescriptor,
    /// <summary>A queue notification before DRIVER_OK, or for a queue that does not exist.</summary>
    InvalidNotification,
}

/// <summary>The stable name and spec section of each <see cref="QueueRule"/>, for findings.</summary>
public static class QueueRules
{
    /// <summary>(name, spec section) of <paramref name="rule"/>.</summary>
    public static (string Name, string Section) Describe(QueueRule rule) => rule switch
    {
        QueueRule.InvalidQueueSize => ("invalid-queue-size", "virtio 1.2, 2.7 / 4.2.2.2"),
        QueueRule.MisalignedRing => ("misaligned-ring", "virtio 1.2, 2.7 (alignment table)"),
        QueueRule.RingOutsideMemory => ("ring-outside-memory", "virtio 1.2, 2.7"),
        QueueRule.QueueNotReady => ("queue-not-ready", "virtio 1.2, 4.2.2.2 (QueueReady)"),
        QueueRule.AvailIndexJump => ("avail-index-jump", "virtio 1.2, 2.7.6; vhost 'Guest moved avail index'"),
        QueueRule.DescriptorIndexOutOfRange => ("descriptor-index-out-of-range", "virtio 1.2, 2.7.6 / 2.8.21"),
        QueueRule.NextOutOfRange => ("next-out-of-range", "virtio 1.2, 2.7.5"),
        QueueRule.ChainLoop => ("chain-loop", "virtio 1.2, 2.7.5.1; vhost 'Loop detected'"),
        QueueRule.ReadableAfterWritable => ("readable-after-writable", "virtio 1.2, 2.7.4.2; vhost 'descriptor has out after in'"),
        QueueRule.IndirectNotNegotiated => ("indirect-not-negotiated", "virtio 1.2, 2.7.5.3.1"),
        QueueRule.IndirectLengthInvalid => ("indirect-length-invalid", "virtio 1.2, 2.7.5.3.1"),
        QueueRule.IndirectTooLarge => ("indirect-too-large", "virtio 1.2, 2.7.5.3.1; vhost 'Indirect buffer length too big'"),
        QueueRule.NestedIndirect => ("nested-indirect", "virtio 1.2, 2.7.5.3.1; vhost 'Nested indirect descriptor'"),
        QueueRule.IndirectWithNext => ("indirect-with-next", "virtio 1.2, 2.7.5.3.1 / 2.8.19"),
        QueueRule.ChainLengthOverflow => ("chain-length-overflow", "virtio 1.2, 2.7.5.2 (no chain over 2^32 bytes in total)"),
        QueueRule.ChainLongerThanQueue => ("chain-longer-than-queue", "virtio 1.2, 2.7.5.3.1 / 2.8.17 (no chain longer than the Queue Size)"),
        QueueRule.ChainDescriptorNotAvailable => ("chain-descriptor-not-available", "virtio 1.2, 2.8.6 / 2.8.15 / 2.8.17 (the head is made available after the rest of the list)"),
        QueueRule.IndirectInChain => ("indirect-in-chain", "virtio 1.2, 2.8.5 / 2.8.19 (no INDIRECT in a list linked by NEXT)"),
        QueueRule.BufferOutsideMemory => ("buffer-outside-memory", "virtio 1.2, 2.7.5"),
        QueueRule.InvalidPackedDescriptor => ("invalid-packed-descriptor", "virtio 1.2, 2.8"),
        QueueRule.InvalidNotification => ("invalid-notification", "virtio 1.2, 3.1.1 / 4.2.2.2"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}

/// <summary>Where a queue reports a broken rule: the owning device turns it into a finding and needs a reset.</summary>
public interface IQueueViolationSink
{
    /// <summary>The queue saw <paramref name="rule"/> broken; <paramref name="detail"/> says how (indexes, addresses).</summary>
    void Violation(QueueRule rule, string detail);
}
