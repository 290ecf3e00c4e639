using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Input;

/// <summary>
/// Where the virtio-input driver puts things in guest memory: the eventq's and the statusq's rings (each aligned as
/// both ring formats require), the statusq's indirect tables, one 8-byte <c>virtio_input_event</c> buffer per posted
/// event buffer (Linux keeps <c>evts[64]</c> in its device structure) and one status event buffer. Computed from a
/// page-aligned start.
/// </summary>
/// <param name="EventRings">The eventq's descriptor, driver and device areas.</param>
/// <param name="StatusRings">The statusq's descriptor, driver and device areas.</param>
/// <param name="IndirectArea">The statusq's indirect tables.</param>
/// <param name="EventBufferArea">The first event buffer.</param>
/// <param name="EventBuffers">How many event buffers.</param>
/// <param name="StatusBuffer">The status event buffer.</param>
/// <param name="QueueSize">Entries per queue.</param>
/// <param name="End">The first page after the layout.</param>
public sealed record InputGuestLayout(
    (ulong Descriptors, ulong Driver, ulong Device) EventRings,
    (ulong Descriptors, ulong Driver, ulong Device) StatusRings,
    ulong IndirectArea,
    ulong EventBufferArea,
    int EventBuffers,
    ulong StatusBuffer,
    ushort QueueSize,
    ulong End)
{
    /// <summary>Indirect entries per status chain: one buffer.</summary>
    public const int EntriesPerChain = 1;

    /// <summary>The layout for queues of <paramref name="queueSize"/> and <paramref name="eventBuffers"/> event buffers from <paramref name="start"/>.</summary>
    public static InputGuestLayout For(ushort queueSize, int eventBuffers, ulong start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBuffers, 1);
        var cursor = GuestAreaCursor.At(start);
        var events = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        var status = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong buffers = cursor.Take((ulong)eventBuffers * InputLayout.Event.Size, 64);
        ulong statusBuffer = cursor.Take(InputLayout.Event.Size, 64);
        ulong end = cursor.PageEnd;
        return new InputGuestLayout(events, status, indirect, buffers, eventBuffers, statusBuffer, queueSize, end);
    }

    /// <summary>Event buffer <paramref name="index"/>.</summary>
    public ulong EventBuffer(int index) => EventBufferArea + (ulong)index * InputLayout.Event.Size;

    /// <summary>Where the rings start (the eventq's descriptor area).</summary>
    public ulong RingStart => EventRings.Descriptors;
}
