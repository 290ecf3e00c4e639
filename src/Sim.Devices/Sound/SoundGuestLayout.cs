using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Sound;

/// <summary>
/// Where the virtio-snd driver puts things in guest memory (virtio 1.2, 5.14.2 and 5.14.6): the rings of its four
/// queues (controlq, eventq, txq, rxq; each aligned as both ring formats require), the txq's indirect tables, the one
/// control request and its response, one 8-byte <c>virtio_snd_event</c> buffer per eventq entry (Linux fills the
/// eventq), and one I/O message per slot: a <c>virtio_snd_pcm_xfer</c> header right before the period's PCM bytes (one
/// mapping for both) and a <c>virtio_snd_pcm_status</c>; after them the rxq's messages of the same shape (5.14.6.8.2:
/// the header device-readable, the PCM bytes and the status device-writable), none without capture streams. Computed
/// from a page-aligned start.
/// </summary>
/// <param name="Rings">Each queue's descriptor, driver and device areas, by queue index.</param>
/// <param name="IndirectArea">The txq's indirect tables.</param>
/// <param name="ControlRequest">The control request buffer.</param>
/// <param name="ControlResponse">The control response buffer (<see cref="ControlResponseBytes"/>).</param>
/// <param name="ControlResponseBytes">Its size: a status and every stream's PCM_INFO item.</param>
/// <param name="EventBufferArea">The first event buffer (the first address after the rings).</param>
/// <param name="EventBuffers">How many event buffers.</param>
/// <param name="MessageArea">The first I/O message.</param>
/// <param name="MessageStride">Bytes from one I/O message to the next.</param>
/// <param name="Slots">How many I/O messages.</param>
/// <param name="PeriodBytes">PCM bytes per message.</param>
/// <param name="QueueSize">Entries per queue.</param>
/// <param name="End">The first page after the layout.</param>
/// <param name="RxMessageArea">The first rxq I/O message.</param>
/// <param name="CaptureSlots">How many rxq I/O messages.</param>
/// <param name="RxMessageStride">Bytes from one rxq I/O message to the next.</param>
/// <param name="RxPeriodBytes">PCM bytes per rxq message.</param>
public sealed record SoundGuestLayout(
    IReadOnlyList<(ulong Descriptors, ulong Driver, ulong Device)> Rings,
    ulong IndirectArea,
    ulong ControlRequest,
    ulong ControlResponse,
    int ControlResponseBytes,
    ulong EventBufferArea,
    int EventBuffers,
    ulong MessageArea,
    ulong MessageStride,
    int Slots,
    int PeriodBytes,
    ushort QueueSize,
    ulong End,
    ulong RxMessageArea = 0,
    int CaptureSlots = 0,
    ulong RxMessageStride = 0,
    int RxPeriodBytes = 0)
{
    /// <summary>Descriptors per I/O message: the xfer header, the PCM bytes, the status.</summary>
    public const int EntriesPerChain = 3;

    /// <summary>
    /// The layout for queues of <paramref name="queueSize"/>, <paramref name="streams"/> streams (output and input),
    /// <paramref name="slots"/> txq messages of <paramref name="periodBytes"/> and <paramref name="captureSlots"/> rxq
    /// messages of <paramref name="capturePeriodBytes"/> (0: <paramref name="periodBytes"/>) from <paramref name="start"/>.
    /// </summary>
    public static SoundGuestLayout For(ushort queueSize, int streams, int slots, int periodBytes, ulong start, int captureSlots = 0, int capturePeriodBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodBytes, 1);
        var cursor = GuestAreaCursor.At(start);
        var rings = new List<(ulong, ulong, ulong)>(SoundLayout.QueueCount);
        for (int q = 0; q < SoundLayout.QueueCount; q++) rings.Add(GuestQueueReservation.Rings(queueSize).Place(cursor.Take));
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong events = cursor.Take((ulong)queueSize * SoundLayout.Event.Size, 64);
        ulong request = cursor.Take(SoundLayout.PcmSetParams.Size, 64);
        int responseBytes = SoundLayout.Hdr.Size + streams * SoundLayout.PcmInfo.Size;
        ulong response = cursor.Take((ulong)responseBytes, 64);
        ulong stride = Alignment.AlignUp(StatusOffset(periodBytes) + SoundLayout.PcmStatus.Size, 64);
        ulong messages = cursor.Take((ulong)slots * stride, 64);
        int rxPeriod = capturePeriodBytes == 0 ? periodBytes : capturePeriodBytes;
        ulong rxStride = Alignment.AlignUp(StatusOffset(rxPeriod) + SoundLayout.PcmStatus.Size, 64);
        ulong rx = captureSlots > 0 ? cursor.Take((ulong)captureSlots * rxStride, 64) : 0;
        ulong end = cursor.PageEnd;
        return new SoundGuestLayout(rings, indirect, request, response, responseBytes, events, queueSize, messages, stride, slots, periodBytes, queueSize, end,
            rx, captureSlots, rxStride, rxPeriod);
    }

    /// <summary>Event buffer <paramref name="index"/>.</summary>
    public ulong EventBuffer(int index) => EventBufferArea + (ulong)index * SoundLayout.Event.Size;

    /// <summary>I/O message <paramref name="slot"/>'s xfer header; its PCM bytes follow it.</summary>
    public ulong Message(int slot) => MessageArea + (ulong)slot * MessageStride;

    /// <summary>I/O message <paramref name="slot"/>'s status.</summary>
    public ulong Status(int slot) => Message(slot) + StatusOffset(PeriodBytes);

    /// <summary>rxq I/O message <paramref name="slot"/>'s xfer header; its PCM bytes follow it.</summary>
    public ulong RxMessage(int slot) => RxMessageArea + (ulong)slot * RxMessageStride;

    /// <summary>rxq I/O message <paramref name="slot"/>'s status.</summary>
    public ulong RxStatus(int slot) => RxMessage(slot) + StatusOffset(RxPeriodBytes);

    /// <summary>Where the rings start (the controlq's descriptor area).</summary>
    public ulong RingStart => Rings[0].Descriptors;

    private static ulong StatusOffset(int periodBytes) => Alignment.AlignUp((ulong)(SoundLayout.PcmXfer.Size + periodBytes), 8);
}
