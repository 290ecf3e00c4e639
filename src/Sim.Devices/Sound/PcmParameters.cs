using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// The parameters of a PCM stream, the body of <c>virtio_snd_pcm_set_params</c> (virtio 1.2, 5.14.6.6.3): the buffer
/// and period sizes in bytes, the PCM features asked for (VIRTIO_SND_PCM_F_* bits), the channel count, the format
/// (VIRTIO_SND_PCM_FMT_*) and the rate (VIRTIO_SND_PCM_RATE_*, an index, not hertz). Plain data; little-endian on the wire.
/// </summary>
/// <param name="BufferBytes">buffer_bytes: the size of the stream's buffer (periods times the period).</param>
/// <param name="PeriodBytes">period_bytes: the size of one period.</param>
/// <param name="Features">features: VIRTIO_SND_PCM_F_* bits.</param>
/// <param name="Channels">channels.</param>
/// <param name="Format">format: a VIRTIO_SND_PCM_FMT_* value.</param>
/// <param name="Rate">rate: a VIRTIO_SND_PCM_RATE_* value.</param>
public readonly record struct PcmParameters(uint BufferBytes, uint PeriodBytes, uint Features, byte Channels, byte Format, byte Rate)
{
    /// <summary>Bytes per frame: one S16 sample (2 bytes) per channel; 0 for a format this model does not size.</summary>
    public int FrameBytes => Format == SoundLayout.PcmFormat.S16 ? 2 * Channels : 0;

    /// <summary>
    /// Writes a whole SET_PARAMS request for stream <paramref name="streamId"/> into <paramref name="request"/>
    /// (<see cref="SoundLayout.PcmSetParams.Size"/> bytes), padding zeroed.
    /// </summary>
    public void EncodeSetParams(uint streamId, Span<byte> request)
    {
        request = request[..SoundLayout.PcmSetParams.Size];
        request.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(request[(SoundLayout.PcmSetParams.Hdr + SoundLayout.Hdr.Code)..], SoundLayout.RequestPcmSetParams);
        BinaryPrimitives.WriteUInt32LittleEndian(request[SoundLayout.PcmSetParams.StreamId..], streamId);
        BinaryPrimitives.WriteUInt32LittleEndian(request[SoundLayout.PcmSetParams.BufferBytes..], BufferBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(request[SoundLayout.PcmSetParams.PeriodBytes..], PeriodBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(request[SoundLayout.PcmSetParams.Features..], Features);
        request[SoundLayout.PcmSetParams.Channels] = Channels;
        request[SoundLayout.PcmSetParams.Format] = Format;
        request[SoundLayout.PcmSetParams.Rate] = Rate;
    }

    /// <summary>The parameters of a SET_PARAMS request (at least <see cref="SoundLayout.PcmSetParams.Size"/> bytes).</summary>
    public static PcmParameters DecodeSetParams(ReadOnlySpan<byte> request) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.PcmSetParams.BufferBytes..]),
        BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.PcmSetParams.PeriodBytes..]),
        BinaryPrimitives.ReadUInt32LittleEndian(request[SoundLayout.PcmSetParams.Features..]),
        request[SoundLayout.PcmSetParams.Channels],
        request[SoundLayout.PcmSetParams.Format],
        request[SoundLayout.PcmSetParams.Rate]);
}
