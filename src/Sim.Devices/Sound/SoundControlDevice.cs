using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// The virtio-snd device's answers to controlq requests (virtio 1.2, 5.14.6.1 to 5.14.6.6 and 5.14.6.9), over the
/// device's streams, as QEMU's <c>virtio_snd_handle_ctrl</c> does: the request is a <c>virtio_snd_hdr</c>-led
/// structure in the chain's device-readable part, the answer a <c>virtio_snd_hdr</c> status (and, for the INFO
/// requests, the items) in its device-writable part. A chain too short to hold its request, or with no room for the
/// status, is malformed (5.14.6.1): no answer, a finding. Otherwise every request is answered: the INFO requests
/// (5.14.6.2) with their items, or VIRTIO_SND_S_BAD_MSG for a range beyond the device's items, an item size below the
/// structure's (or above 256 bytes) or a response part too small for the items; a lifecycle command (5.14.6.6) for a
/// stream that does not exist, or that <see cref="PcmLifecycle"/> does not allow in the stream's state, with
/// VIRTIO_SND_S_BAD_MSG and the state unchanged; SET_PARAMS whose format, rate, channels or features the stream does
/// not support with VIRTIO_SND_S_NOT_SUPP (5.14.6.6.3), and sizes that make no whole periods of whole frames with
/// VIRTIO_SND_S_BAD_MSG; JACK_REMAP with VIRTIO_SND_S_BAD_MSG (no jack of this device advertises
/// VIRTIO_SND_JACK_F_REMAP, 5.14.6.4.2); an unknown code with VIRTIO_SND_S_NOT_SUPP. JACK_INFO (5.14.6.4.1) and
/// CHMAP_INFO (5.14.6.9.1) answer the device's jacks and channel maps (none unless given). Pure: the backend moves the
/// bytes and acts on the command that succeeded.
/// </summary>
public sealed class SoundControlDevice
{
    /// <summary>The largest item size a query may ask for (a choice: the specification sets no bound).</summary>
    public const int MaxItemSize = 256;

    private delegate void ItemEncoder(int index, Span<byte> item);

    private readonly PcmDeviceStream[] _streams;
    private readonly SoundJack[] _jacks;
    private readonly IReadOnlyList<SoundChannelMap> _chmaps;

    /// <summary>A device with <paramref name="streams"/>, <paramref name="jacks"/> and <paramref name="chmaps"/> (none when null).</summary>
    public SoundControlDevice(PcmDeviceStream[] streams, IReadOnlyList<SoundJack>? jacks = null, IReadOnlyList<SoundChannelMap>? chmaps = null)
    {
        _streams = streams ?? throw new ArgumentNullException(nameof(streams));
        _jacks = [.. jacks ?? []];
        _chmaps = chmaps ?? [];
    }

    /// <summary>The largest response this device writes: a status and every item of its longest list at the largest size.</summary>
    public int MaxResponseBytes => SoundLayout.Hdr.Size + Math.Max(1, Math.Max(_streams.Length, Math.Max(_jacks.Length, _chmaps.Count))) * MaxItemSize;

    /// <summary>How many jacks the device has.</summary>
    public int JackCount => _jacks.Length;

    /// <summary>Whether something is plugged into jack <paramref name="jack"/>.</summary>
    public bool IsConnected(int jack) => _jacks[jack].Connected != 0;

    /// <summary>Plugs something into jack <paramref name="jack"/> or pulls it out: later JACK_INFO answers say so (5.14.6.5).</summary>
    public void SetConnected(int jack, bool connected) => _jacks[jack] = _jacks[jack] with { Connected = connected ? (byte)1 : (byte)0 };

    /// <summary>
    /// Answers <paramref name="request"/> (the chain's device-readable bytes, up to the largest request) given
    /// <paramref name="writable"/> bytes of device-writable space, writing the response into <paramref name="response"/>
    /// (at least <see cref="MaxResponseBytes"/>).
    /// </summary>
    public SoundControlOutcome Handle(ReadOnlySpan<byte> request, long readable, long writable, Span<byte> response)
    {
        if (readable < SoundLayout.Hdr.Size)
            return SoundControlOutcome.Malformed("virtio 1.2, 5.14.6.1", $"controlq request of {readable} readable bytes, shorter than a virtio_snd_hdr");
        if (writable < SoundLayout.Hdr.Size)
            return SoundControlOutcome.Malformed("virtio 1.2, 5.14.6.1", $"controlq request with {writable} writable bytes, no room for its virtio_snd_hdr status");
        uint code = BinaryPrimitives.ReadUInt32LittleEndian(request);
        int needed = code switch
        {
            SoundLayout.RequestJackInfo or SoundLayout.RequestPcmInfo or SoundLayout.RequestChmapInfo => SoundLayout.QueryInfo.Size,
            SoundLayout.RequestJackRemap => SoundLayout.JackRemap.Size,
            SoundLayout.RequestPcmSetParams => SoundLayout.PcmSetParams.Size,
            SoundLayout.RequestPcmPrepare or SoundLayout.RequestPcmRelease or SoundLayout.RequestPcmStart or SoundLayout.RequestPcmStop => SoundLayout.PcmHdr.Size,
            _ => SoundLayout.Hdr.Size,
        };
        if (readable < needed)
            return SoundControlOutcome.Malformed("virtio 1.2, 5.14.6.1", $"controlq request code 0x{code:x} in {readable} readable bytes, shorter than its {needed}-byte structure");
        var outcome = code switch
        {
            SoundLayout.RequestPcmInfo => Query(request, writable, response, (uint)_streams.Length, SoundLayout.PcmInfo.Size, EncodeStream),
            SoundLayout.RequestJackInfo => Query(request, writable, response, (uint)_jacks.Length, SoundLayout.JackInfo.Size, EncodeJack),
            SoundLayout.RequestChmapInfo => Query(request, writable, response, (uint)_chmaps.Count, SoundLayout.ChmapInfo.Size, EncodeChmap),
            SoundLayout.RequestJackRemap => SoundControlOutcome.Answer(SoundLayout.StatusBadMsg),
            _ => PcmLifecycle.CommandOf(code) is { } command ? Lifecycle(command, request) : SoundControlOutcome.Answer(SoundLayout.StatusNotSupported),
        };
        BinaryPrimitives.WriteUInt32LittleEndian(response, outcome.Status);
        return outcome;
    }

    private static SoundControlOutcome Query(ReadOnlySpan<byte> request, long writable, Span<byte> response, uint items, int itemSize, ItemEncoder encode)
    {
        uint start = BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.QueryInfo.StartId..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.QueryInfo.Count..]);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.QueryInfo.InfoSize..]);
        if (size < itemSize || size > MaxItemSize || (ulong)start + count > items || writable < SoundLayout.Hdr.Size + (long)count * size)
            return SoundControlOutcome.Answer(SoundLayout.StatusBadMsg);
        int bytes = SoundLayout.Hdr.Size + (int)(count * size);
        response[SoundLayout.Hdr.Size..bytes].Clear();
        for (int i = 0; i < count; i++) encode((int)start + i, response.Slice(SoundLayout.Hdr.Size + i * (int)size, (int)size));
        return new SoundControlOutcome(SoundLayout.StatusOk, bytes);
    }

    private SoundControlOutcome Lifecycle(PcmCommand command, ReadOnlySpan<byte> request)
    {
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.PcmHdr.StreamId..]);
        if (id >= _streams.Length) return SoundControlOutcome.Answer(SoundLayout.StatusBadMsg);
        var stream = _streams[id];
        if (!PcmLifecycle.Allows(stream.State, command)) return SoundControlOutcome.Answer(SoundLayout.StatusBadMsg);
        if (command == PcmCommand.SetParams)
        {
            var parameters = PcmParameters.DecodeSetParams(request);
            if (!stream.Info.Supports(parameters)) return SoundControlOutcome.Answer(SoundLayout.StatusNotSupported);
            if (!WholePeriods(parameters)) return SoundControlOutcome.Answer(SoundLayout.StatusBadMsg);
            stream.Parameters = parameters;
        }
        stream.State = PcmLifecycle.After(command);
        return new SoundControlOutcome(SoundLayout.StatusOk, SoundLayout.Hdr.Size, command, id);
    }

    private void EncodeStream(int index, Span<byte> item) => _streams[index].Info.EncodeInto(item);

    private void EncodeJack(int index, Span<byte> item) => _jacks[index].EncodeInto(item);

    private void EncodeChmap(int index, Span<byte> item) => _chmaps[index].EncodeInto(item);

    /// <summary>Whether the buffer is a whole number (at least one) of periods, each a whole number of frames.</summary>
    private static bool WholePeriods(in PcmParameters p) =>
        p.FrameBytes > 0 && p.PeriodBytes > 0 && p.PeriodBytes % p.FrameBytes == 0 && p.BufferBytes >= p.PeriodBytes && p.BufferBytes % p.PeriodBytes == 0;
}
