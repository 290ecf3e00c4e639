namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// Byte layout of a packed virtqueue (virtio 1.2, 2.8; Linux <c>include/uapi/linux/virtio_ring.h</c>,
/// <c>struct vring_packed_desc</c>, <c>struct vring_packed_desc_event</c>). Little-endian.
/// Descriptor: addr u64 @0, len u32 @8, id u16 @12, flags u16 @14 (16 bytes, ring 16-aligned).
/// Event suppression area: off_wrap u16 @0 (offset bits 0-14, wrap counter bit 15), flags u16 @2 (4 bytes, 4-aligned).
/// </summary>
public static class PackedLayout
{
    /// <summary>Size of one packed descriptor.</summary>
    public const int DescriptorSize = 16;
    /// <summary>Offset of <c>addr</c>.</summary>
    public const int DescAddr = 0;
    /// <summary>Offset of <c>len</c>.</summary>
    public const int DescLen = 8;
    /// <summary>Offset of <c>id</c>.</summary>
    public const int DescId = 12;
    /// <summary>Offset of <c>flags</c>.</summary>
    public const int DescFlags = 14;

    /// <summary>VRING_DESC_F_NEXT.</summary>
    public const ushort FlagNext = 1;
    /// <summary>VRING_DESC_F_WRITE.</summary>
    public const ushort FlagWrite = 2;
    /// <summary>VRING_DESC_F_INDIRECT.</summary>
    public const ushort FlagIndirect = 4;
    /// <summary>VRING_PACKED_DESC_F_AVAIL (bit 7).</summary>
    public const ushort FlagAvail = 1 << 7;
    /// <summary>VRING_PACKED_DESC_F_USED (bit 15).</summary>
    public const ushort FlagUsed = 1 << 15;

    /// <summary>Offset of <c>off_wrap</c> in an event suppression area.</summary>
    public const int EventOffWrap = 0;
    /// <summary>Offset of <c>flags</c> in an event suppression area.</summary>
    public const int EventFlags = 2;
    /// <summary>Size of an event suppression area.</summary>
    public const int EventAreaSize = 4;
    /// <summary>VRING_PACKED_EVENT_FLAG_ENABLE: notify on every buffer.</summary>
    public const ushort EventFlagEnable = 0;
    /// <summary>VRING_PACKED_EVENT_FLAG_DISABLE: do not notify.</summary>
    public const ushort EventFlagDisable = 1;
    /// <summary>VRING_PACKED_EVENT_FLAG_DESC: notify at the descriptor named by off_wrap (needs EVENT_IDX).</summary>
    public const ushort EventFlagDesc = 2;
    /// <summary>VRING_PACKED_EVENT_F_WRAP_CTR: the bit of off_wrap holding the wrap counter (15).</summary>
    public const int EventWrapCounterBit = 15;

    /// <summary>Required alignment of the descriptor ring.</summary>
    public const int RingAlignment = 16;
    /// <summary>Required alignment of the event suppression areas.</summary>
    public const int EventAreaAlignment = 4;
    /// <summary>The largest queue size.</summary>
    public const int MaxQueueSize = 32768;

    /// <summary>Bytes of the descriptor ring: 16·N.</summary>
    public static ulong RingBytes(int size) => (ulong)DescriptorSize * (ulong)size;

    /// <summary>Whether <paramref name="size"/> is a valid packed queue size: [1, 32768], not necessarily a power of two.</summary>
    public static bool IsValidSize(int size) => size is > 0 and <= MaxQueueSize;
}
