using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.I2c;

/// <summary>
/// Where the virtio-i2c driver puts things in guest memory: the requestq's rings (aligned as both ring formats require),
/// its indirect tables, and per request slot a <c>virtio_i2c_out_hdr</c>, the message buffer and a
/// <c>virtio_i2c_in_hdr</c>, each on its own 64-byte line (Linux allocates a <c>virtio_i2c_req</c> per message,
/// virtio 1.2, 5.16.6.1). Computed from a page-aligned start.
/// </summary>
/// <param name="Rings">The requestq's descriptor, driver and device areas.</param>
/// <param name="IndirectArea">The indirect tables.</param>
/// <param name="SlotArea">The first slot.</param>
/// <param name="SlotStride">Bytes per slot.</param>
/// <param name="BufferBytes">The largest message buffer.</param>
/// <param name="Slots">Request slots.</param>
/// <param name="QueueSize">Entries in the requestq.</param>
/// <param name="End">The first page after the layout.</param>
public sealed record I2cGuestLayout((ulong Descriptors, ulong Driver, ulong Device) Rings, ulong IndirectArea, ulong SlotArea, ulong SlotStride,
    int BufferBytes, int Slots, ushort QueueSize, ulong End)
{
    /// <summary>Indirect entries per chain: header, buffer, status.</summary>
    public const int EntriesPerChain = 3;

    private const ulong Line = 64;

    /// <summary>The layout for a requestq of <paramref name="queueSize"/>, <paramref name="slots"/> slots and buffers of <paramref name="bufferBytes"/>, from <paramref name="start"/>.</summary>
    public static I2cGuestLayout For(ushort queueSize, int slots, int bufferBytes, ulong start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1);
        var cursor = GuestAreaCursor.At(start);
        var rings = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong stride = Line + Alignment.AlignUp((ulong)bufferBytes, Line) + Line;
        ulong area = cursor.Take(stride * (ulong)slots, Line);
        return new I2cGuestLayout(rings, indirect, area, stride, bufferBytes, slots, queueSize, cursor.PageEnd);
    }

    /// <summary>Slot <paramref name="slot"/>'s <c>virtio_i2c_out_hdr</c>.</summary>
    public ulong Header(int slot) => SlotArea + SlotStride * (ulong)slot;

    /// <summary>Slot <paramref name="slot"/>'s message buffer.</summary>
    public ulong Buffer(int slot) => Header(slot) + Line;

    /// <summary>Slot <paramref name="slot"/>'s <c>virtio_i2c_in_hdr</c>.</summary>
    public ulong Status(int slot) => Header(slot) + SlotStride - Line;

    /// <summary>Where the rings start.</summary>
    public ulong RingStart => Rings.Descriptors;
}
