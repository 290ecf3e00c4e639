using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpio;

/// <summary>
/// Where the virtio-gpio driver puts things in guest memory: the requestq's and eventq's rings (each aligned as both
/// ring formats require), the requestq's indirect tables, per request slot a <c>virtio_gpio_request</c> and a response
/// large enough for GET_NAMES (1 + gpio_names_size bytes), and per line a <c>virtio_gpio_irq_request</c> and
/// <c>virtio_gpio_irq_response</c>, each on its own 64-byte line (Linux keeps them cacheline-aligned per line,
/// virtio 1.2, 5.18.6 and 5.18.7). Computed from a page-aligned start.
/// </summary>
/// <param name="RequestRings">The requestq's descriptor, driver and device areas.</param>
/// <param name="EventRings">The eventq's descriptor, driver and device areas.</param>
/// <param name="IndirectArea">The requestq's indirect tables.</param>
/// <param name="SlotArea">The first request slot.</param>
/// <param name="SlotStride">Bytes per request slot.</param>
/// <param name="Slots">Request slots.</param>
/// <param name="IrqArea">The first line's interrupt buffers.</param>
/// <param name="QueueSize">Entries per queue.</param>
/// <param name="End">The first page after the layout.</param>
public sealed record GpioGuestLayout((ulong Descriptors, ulong Driver, ulong Device) RequestRings, (ulong Descriptors, ulong Driver, ulong Device) EventRings,
    ulong IndirectArea, ulong SlotArea, ulong SlotStride, int Slots, ulong IrqArea, ushort QueueSize, ulong End)
{
    /// <summary>Indirect entries per request chain: request and response.</summary>
    public const int EntriesPerChain = 2;

    private const ulong Line = 64;

    /// <summary>The layout for queues of <paramref name="queueSize"/>, <paramref name="slots"/> request slots, <paramref name="lines"/> lines and a names block of <paramref name="namesSize"/>, from <paramref name="start"/>.</summary>
    public static GpioGuestLayout For(ushort queueSize, int slots, int lines, int namesSize, ulong start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        var cursor = GuestAreaCursor.At(start);
        var requests = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        var events = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong stride = Line + Alignment.AlignUp((ulong)Math.Max(GpioLayout.Response.Size, GpioLayout.ResponseGetNames.Size + namesSize), Line);
        ulong slotArea = cursor.Take(stride * (ulong)slots, Line);
        ulong irqArea = cursor.Take(2 * Line * (ulong)lines, Line);
        return new GpioGuestLayout(requests, events, indirect, slotArea, stride, slots, irqArea, queueSize, cursor.PageEnd);
    }

    /// <summary>Slot <paramref name="slot"/>'s <c>virtio_gpio_request</c>.</summary>
    public ulong Request(int slot) => SlotArea + SlotStride * (ulong)slot;

    /// <summary>Slot <paramref name="slot"/>'s response.</summary>
    public ulong Response(int slot) => Request(slot) + Line;

    /// <summary>Line <paramref name="line"/>'s <c>virtio_gpio_irq_request</c>.</summary>
    public ulong IrqRequest(int line) => IrqArea + 2 * Line * (ulong)line;

    /// <summary>Line <paramref name="line"/>'s <c>virtio_gpio_irq_response</c>.</summary>
    public ulong IrqResponse(int line) => IrqRequest(line) + Line;

    /// <summary>Where the rings start.</summary>
    public ulong RingStart => RequestRings.Descriptors;
}
