using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Scmi;

/// <summary>
/// Where the virtio-scmi driver puts things in guest memory, from a page-aligned <c>start</c> on so that the device can
/// share a guest with others (virtio 1.2, 5.17): the rings of the command queue (cmdq) and the event queue (eventq),
/// each with its descriptor table or ring, driver area and device area aligned as both split and packed formats require
/// (2.7 / 2.8); the cmdq's indirect tables (two entries per chain); per in-flight command slot a device-readable request
/// buffer (SCMI header and parameters) and a device-writable response buffer (header, status and return values,
/// 5.17.6.1); and the eventq's device-writable buffers, one notification each (5.17.6.2). Every message buffer holds an
/// SCMI header plus Linux's <see cref="ScmiVirtioLayout.LinuxMaxMessageSize"/> bytes by default, which fits a page of
/// PERFORMANCE_DESCRIBE_LEVELS (the largest performance response; Arm DEN0056, 4.5.3.6).
/// </summary>
/// <param name="Start">First byte of the layout (page-aligned).</param>
/// <param name="CommandQueueSize">The cmdq's size.</param>
/// <param name="EventQueueSize">The eventq's size.</param>
/// <param name="CommandRings">The cmdq's rings.</param>
/// <param name="EventRings">The eventq's rings.</param>
/// <param name="IndirectArea">The cmdq's indirect tables, <see cref="EntriesPerChain"/> entries per descriptor.</param>
/// <param name="Slots">Command slots (commands in flight at most).</param>
/// <param name="RequestBytes">Bytes of each request buffer.</param>
/// <param name="ResponseBytes">Bytes of each response buffer.</param>
/// <param name="EventBuffers">Event buffers posted on the eventq.</param>
/// <param name="EventBytes">Bytes of each event buffer.</param>
/// <param name="BufferArea">First message buffer (everything from <see cref="Start"/> below it is rings and indirect tables).</param>
/// <param name="SlotStride">Bytes per command slot (request, then response at <see cref="ResponseOffset"/>).</param>
/// <param name="ResponseOffset">Offset of the response buffer within a slot.</param>
/// <param name="EventArea">First event buffer.</param>
/// <param name="EventStride">Bytes per event buffer.</param>
/// <param name="End">First byte after the layout (page-aligned).</param>
public sealed record ScmiGuestLayout(
    ulong Start,
    ushort CommandQueueSize,
    ushort EventQueueSize,
    ScmiRingAreas CommandRings,
    ScmiRingAreas EventRings,
    ulong IndirectArea,
    int Slots,
    int RequestBytes,
    int ResponseBytes,
    int EventBuffers,
    int EventBytes,
    ulong BufferArea,
    ulong SlotStride,
    ulong ResponseOffset,
    ulong EventArea,
    ulong EventStride,
    ulong End)
{
    /// <summary>Buffers per command chain: the request and the response.</summary>
    public const int EntriesPerChain = 2;

    /// <summary>Default bytes of a message buffer: the SCMI header and Linux's <c>VIRTIO_SCMI_MAX_MSG_SIZE</c> payload.</summary>
    public const int DefaultMessageBytes = ScmiHeader.Size + ScmiVirtioLayout.LinuxMaxMessageSize;

    /// <summary>
    /// The layout from <paramref name="start"/> (rounded up to a page) for queues of <paramref name="queueSize"/>,
    /// <paramref name="slots"/> commands in flight and <paramref name="eventBuffers"/> event buffers (at most the queue
    /// size each), every message buffer of <paramref name="messageBytes"/>.
    /// </summary>
    public static ScmiGuestLayout For(ulong start, ushort queueSize, int slots, int eventBuffers, int messageBytes = DefaultMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueSize, (ushort)1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, (int)queueSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBuffers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventBuffers, (int)queueSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(messageBytes, ScmiHeader.Size);
        const ulong page = GuestMemory.PageSize;
        var cursor = GuestAreaCursor.At(Alignment.AlignUp(start, page));
        ulong first = cursor.Next;
        var reserved = GuestQueueReservation.Rings(queueSize);
        ScmiRingAreas Rings()
        {
            var (descriptors, driver, device) = reserved.Place(cursor.Take);
            return new ScmiRingAreas(descriptors, driver, device);
        }
        var command = Rings();
        var events = Rings();
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong bytes = Alignment.AlignUp((ulong)messageBytes, 64);
        ulong slotStride = 2 * bytes;
        ulong buffers = cursor.Take(slotStride * (ulong)slots, page);
        ulong eventArea = cursor.Take(bytes * (ulong)eventBuffers, 64);
        ulong end = cursor.PageEnd;
        return new ScmiGuestLayout(first, queueSize, queueSize, command, events, indirect, slots, messageBytes, messageBytes,
            eventBuffers, messageBytes, buffers, slotStride, bytes, eventArea, bytes, end);
    }

    /// <summary>The request buffer of command slot <paramref name="slot"/>.</summary>
    public ulong RequestBuffer(int slot) => BufferArea + SlotStride * (ulong)slot;

    /// <summary>The response buffer of command slot <paramref name="slot"/>.</summary>
    public ulong ResponseBuffer(int slot) => RequestBuffer(slot) + ResponseOffset;

    /// <summary>Event buffer <paramref name="index"/>.</summary>
    public ulong EventBuffer(int index) => EventArea + EventStride * (ulong)index;

    /// <summary>Bytes from <see cref="Start"/> to <see cref="BufferArea"/>: the rings and indirect tables, shared for the device's life.</summary>
    public ulong RingBytes => BufferArea - Start;

}
