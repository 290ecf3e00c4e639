using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Net;

/// <summary>
/// Where the virtio-net driver puts things in guest memory (virtio 1.2, 5.1): for every queue (receiveq and transmitq of
/// each pair, in queue-index order, 5.1.2) its descriptor table or ring, driver area and device area, aligned as both
/// ring formats require (2.7 / 2.8); the transmit queue's indirect tables; the receive buffers, page-sized as a driver
/// posts them with VIRTIO_NET_F_MRG_RXBUF (5.1.6.3.1), one per descriptor of each receive queue; and per transmit slot a
/// 12-byte <c>virtio_net_hdr_v1</c> followed by the frame (5.1.6.2), for every pair's transmit queue. With more than one
/// pair also the control queue (VIRTIO_NET_F_CTRL_VQ, index 2·pairs, 5.1.2), its rings right after the pairs' rings,
/// and the control command buffer (5.1.6.5): the device-readable class/command header and data, then the
/// device-writable ack byte. A one-pair layout has neither, and is the same as before multiqueue existed. Everything is
/// at or after <c>start</c>, so several devices can share a guest.
/// </summary>
/// <param name="Pairs">Receive/transmit queue pairs.</param>
/// <param name="QueueSize">Size of every queue.</param>
/// <param name="Rings">The rings of each queue, by queue index.</param>
/// <param name="IndirectArea">Indirect tables of the transmit queue.</param>
/// <param name="MaxIndirectEntries">Entries per indirect table.</param>
/// <param name="RxBufferArea">The receive buffers (first byte after the rings and indirect tables).</param>
/// <param name="RxBufferSize">Bytes per receive buffer (one page).</param>
/// <param name="TxArea">The transmit slots.</param>
/// <param name="TxStride">Bytes per transmit slot (header plus the largest frame, 64-byte aligned).</param>
/// <param name="End">First byte after the layout (page-aligned).</param>
public sealed record NetGuestLayout(
    int Pairs, ushort QueueSize, IReadOnlyList<NetQueueRings> Rings, ulong IndirectArea, int MaxIndirectEntries,
    ulong RxBufferArea, uint RxBufferSize, ulong TxArea, ulong TxStride, ulong End)
{
    /// <summary>Buffers per transmit chain: header and frame in one buffer.</summary>
    public const int EntriesPerChain = 1;

    /// <summary>The first page, left unused so that address 0 is never valid.</summary>
    public const ulong DefaultStart = GuestMemory.PageSize;

    /// <summary>Receive buffers posted per receive queue: one per descriptor.</summary>
    public int RxBuffersPerQueue => QueueSize;

    /// <summary>The first ring byte (where the platform shares rings for the device's life).</summary>
    public ulong RingStart => Rings[0].DescriptorArea;

    /// <summary>Transmit slots of each pair's transmit queue.</summary>
    public int TxSlots { get; init; } = 1;

    /// <summary>The control queue's rings (after the pairs' rings, before the indirect tables); null with one pair.</summary>
    public NetQueueRings? ControlRings { get; init; }

    /// <summary>The control command buffer: readable header and data at this address, the ack at <see cref="ControlAck"/>; 0 with one pair.</summary>
    public ulong ControlArea { get; init; }

    /// <summary>Where the device writes a control command's ack byte (<see cref="ControlArea"/> + 32).</summary>
    public ulong ControlAck => ControlArea + ControlAckOffset;

    /// <summary>Bytes from <see cref="ControlArea"/> to the ack byte (room for any control command's readable part).</summary>
    public const ulong ControlAckOffset = 32;

    /// <summary>
    /// The layout for <paramref name="pairs"/> pairs of queues of <paramref name="queueSize"/>, <paramref name="txSlots"/>
    /// transmit slots of frames up to <paramref name="maxFrameBytes"/>, from <paramref name="start"/> (page-aligned).
    /// </summary>
    public static NetGuestLayout For(int pairs, int queueSize, int txSlots, int maxFrameBytes, ulong start = DefaultStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(txSlots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        var cursor = GuestAreaCursor.At(start);
        ulong size = (ulong)queueSize;
        var reserved = GuestQueueReservation.Rings(queueSize);
        NetQueueRings PlaceRings()
        {
            var (descriptors, driver, device) = reserved.Place(cursor.Take);
            return new NetQueueRings(descriptors, driver, device);
        }
        var rings = new NetQueueRings[2 * pairs];
        for (int q = 0; q < rings.Length; q++) rings[q] = PlaceRings();
        NetQueueRings? control = pairs > 1 ? PlaceRings() : null;
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        const uint page = (uint)GuestMemory.PageSize;
        ulong rx = cursor.Take((ulong)page * size * (ulong)pairs, page);
        ulong stride = Alignment.AlignUp((ulong)(NetLayout.HeaderSize + maxFrameBytes), 64);
        ulong tx = cursor.Take(stride * (ulong)txSlots * (ulong)pairs, page);
        ulong controlArea = pairs > 1 ? cursor.Take(2 * ControlAckOffset, 64) : 0;
        ulong end = cursor.PageEnd;
        return new NetGuestLayout(pairs, (ushort)queueSize, rings, indirect, EntriesPerChain, rx, page, tx, stride, end)
        {
            TxSlots = txSlots,
            ControlRings = control,
            ControlArea = controlArea,
        };
    }

    /// <summary>Receive buffer <paramref name="index"/> of pair <paramref name="pair"/>'s receive queue.</summary>
    public ulong RxBuffer(int pair, int index) => RxBufferArea + RxBufferSize * ((ulong)pair * QueueSize + (ulong)index);

    /// <summary>Transmit slot <paramref name="slot"/> of pair 0: the header, then the frame.</summary>
    public ulong TxSlot(int slot) => TxArea + TxStride * (ulong)slot;

    /// <summary>Transmit slot <paramref name="slot"/> of pair <paramref name="pair"/>'s transmit queue.</summary>
    public ulong TxSlot(int pair, int slot) => TxArea + TxStride * ((ulong)pair * (ulong)TxSlots + (ulong)slot);

    /// <summary>Every queue's setup in index order: the pairs' queues, then the control queue when there is one.</summary>
    public IReadOnlyList<NetQueueRings> AllRings => ControlRings is { } control ? [.. Rings, control] : Rings;
}

/// <summary>One virtqueue's three areas (virtio 1.2, 2.7 split / 2.8 packed).</summary>
/// <param name="DescriptorArea">Split descriptor table or packed descriptor ring.</param>
/// <param name="DriverArea">Split available ring or packed driver event suppression area.</param>
/// <param name="DeviceArea">Split used ring or packed device event suppression area.</param>
public sealed record NetQueueRings(ulong DescriptorArea, ulong DriverArea, ulong DeviceArea);
