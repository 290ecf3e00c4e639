namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// An available buffer notification written to QueueNotify (virtio 1.2, 4.2.3.3 and 2.9 "Driver Notifications").
/// Without VIRTIO_F_NOTIFICATION_DATA the value is the queue index. With it: <c>vq_index</c> in bits 0-15,
/// <c>next_off</c> in bits 16-30 and <c>next_wrap</c> in bit 31 (split rings: the avail idx bits 0-14 and bit 15).
/// </summary>
/// <param name="Queue">The notified queue's index.</param>
/// <param name="HasData">Whether the value carried notification data.</param>
/// <param name="NextOffset">next_off: the offset of the next available slot (15 bits).</param>
/// <param name="NextWrap">next_wrap: the driver's wrap counter (packed) or avail idx bit 15 (split).</param>
public readonly record struct QueueNotification(ushort Queue, bool HasData = false, ushort NextOffset = 0, bool NextWrap = false)
{
    /// <summary>Split rings with notification data: the driver's next avail idx (next_off | next_wrap &lt;&lt; 15).</summary>
    public ushort SplitAvailIndex => (ushort)(NextOffset | (NextWrap ? 0x8000 : 0));

    /// <summary>Decodes a QueueNotify value (<paramref name="notificationData"/>: VIRTIO_F_NOTIFICATION_DATA negotiated).</summary>
    public static QueueNotification Decode(uint value, bool notificationData) => notificationData
        ? new QueueNotification((ushort)value, true, (ushort)((value >> 16) & 0x7fff), (value >> 31) != 0)
        : new QueueNotification((ushort)value);

    /// <summary>The QueueNotify value for this notification.</summary>
    public uint Encode() => HasData
        ? Queue | ((uint)(NextOffset & 0x7fff) << 16) | (NextWrap ? 1u << 31 : 0)
        : Queue;
}
