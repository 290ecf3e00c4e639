using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>
/// Where the virtio-blk driver puts things in guest memory: the request queue's rings (descriptor table or ring, driver
/// area, device area, aligned as both split and packed formats require; virtio 1.2, 2.7 / 2.8), the indirect tables
/// (three entries per chain), and per in-flight slot the three buffers of a request (5.2.6): a 16-byte
/// <c>virtio_blk_outhdr</c>, a page-aligned data buffer of the request size and a 1-byte status. Everything is at or after a start
/// address (by default the second page: the first is left unused so that address 0 is never valid).
/// </summary>
/// <param name="DescriptorArea">Split descriptor table or packed descriptor ring.</param>
/// <param name="DriverArea">Split available ring or packed driver event suppression area.</param>
/// <param name="DeviceArea">Split used ring or packed device event suppression area.</param>
/// <param name="IndirectArea">Indirect tables, <see cref="EntriesPerChain"/> entries per descriptor.</param>
/// <param name="MaxIndirectEntries">Entries per indirect table.</param>
/// <param name="ControlArea">Headers and status bytes, <see cref="ControlStride"/> bytes per slot.</param>
/// <param name="DataArea">Data buffers, <see cref="DataStride"/> bytes per slot.</param>
/// <param name="DataStride">The request size rounded up to whole pages.</param>
/// <param name="BufferArea">Start of the first request buffer (everything below is rings and indirect tables).</param>
/// <param name="End">First byte after the layout (page-aligned): the guest memory needed.</param>
public sealed record BlkGuestLayout(
    ulong DescriptorArea,
    ulong DriverArea,
    ulong DeviceArea,
    ulong IndirectArea,
    int MaxIndirectEntries,
    ulong ControlArea,
    ulong DataArea,
    ulong DataStride,
    ulong BufferArea,
    ulong End)
{
    /// <summary>Buffers per request chain: header, data, status.</summary>
    public const int EntriesPerChain = 3;

    /// <summary>Bytes per slot in the control area: the header at 0, the status byte at <see cref="StatusOffset"/>.</summary>
    public const ulong ControlStride = 64;

    /// <summary>Offset of the status byte within a slot's control bytes.</summary>
    public const ulong StatusOffset = 32;

    /// <summary>
    /// The layout for a queue of <paramref name="queueSize"/> and <paramref name="slots"/> in-flight requests of
    /// <paramref name="requestBytes"/>, from <paramref name="start"/> on (page-aligned; default the second page).
    /// </summary>
    public static BlkGuestLayout For(int queueSize, int slots, int requestBytes, ulong start = GuestMemory.PageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestBytes, 1);
        var cursor = GuestAreaCursor.At(start);
        var (descriptors, driver, device) = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong control = cursor.Take(ControlStride * (ulong)slots, 4096);
        ulong stride = Alignment.PageAlign((ulong)requestBytes);
        ulong data = cursor.Take(stride * (ulong)slots, 4096);
        ulong end = cursor.PageEnd;
        return new BlkGuestLayout(descriptors, driver, device, indirect, EntriesPerChain, control, data, stride, control, end);
    }

    /// <summary>The 16-byte request header of slot <paramref name="slot"/>.</summary>
    public ulong Header(int slot) => ControlArea + ControlStride * (ulong)slot;

    /// <summary>The 1-byte status of slot <paramref name="slot"/>.</summary>
    public ulong Status(int slot) => Header(slot) + StatusOffset;

    /// <summary>The page-aligned data buffer of slot <paramref name="slot"/>.</summary>
    public ulong Data(int slot) => DataArea + DataStride * (ulong)slot;
}
