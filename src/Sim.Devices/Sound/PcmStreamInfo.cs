using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// What a PCM stream supports, one <c>virtio_snd_pcm_info</c> item of a VIRTIO_SND_R_PCM_INFO answer (virtio 1.2,
/// 5.14.6.6.2): the PCM features it offers, a bit map of formats (bit VIRTIO_SND_PCM_FMT_*) and of rates (bit
/// VIRTIO_SND_PCM_RATE_*), its direction and its channel range. Plain data; little-endian on the wire.
/// </summary>
/// <param name="Features">VIRTIO_SND_PCM_F_* bits the stream supports.</param>
/// <param name="Formats">Bit map of supported formats.</param>
/// <param name="Rates">Bit map of supported rates.</param>
/// <param name="Direction">VIRTIO_SND_D_OUTPUT or VIRTIO_SND_D_INPUT.</param>
/// <param name="ChannelsMin">Fewest channels.</param>
/// <param name="ChannelsMax">Most channels.</param>
public readonly record struct PcmStreamInfo(uint Features, ulong Formats, ulong Rates, byte Direction, byte ChannelsMin, byte ChannelsMax)
{
    /// <summary>
    /// The output stream this model's device offers (as QEMU's virtio-snd, no PCM feature: messages only, no xrun
    /// events): S16 at 44.1, 48 and 96 kHz and <paramref name="rate"/>, 1 to 8 channels.
    /// </summary>
    public static PcmStreamInfo Playback(byte rate) => new(0, 1UL << SoundLayout.PcmFormat.S16,
        (1UL << SoundLayout.PcmRate.Hz44100) | (1UL << SoundLayout.PcmRate.Hz48000) | (1UL << SoundLayout.PcmRate.Hz96000) | (1UL << rate),
        SoundLayout.DirectionOutput, 1, 8);

    /// <summary>The input stream this model's device offers (5.14.6.8.2): as <see cref="Playback"/>, captured.</summary>
    public static PcmStreamInfo Capture(byte rate) => Playback(rate) with { Direction = SoundLayout.DirectionInput };

    /// <summary>Whether <paramref name="parameters"/> fit this stream (format, rate, channels, features); 5.14.6.6.3.</summary>
    public bool Supports(in PcmParameters parameters) =>
        parameters.Format < 64 && (Formats & (1UL << parameters.Format)) != 0 &&
        parameters.Rate < 64 && (Rates & (1UL << parameters.Rate)) != 0 &&
        parameters.Channels >= ChannelsMin && parameters.Channels <= ChannelsMax &&
        (parameters.Features & ~Features) == 0;

    /// <summary>Writes the item (<see cref="SoundLayout.PcmInfo.Size"/> bytes, hda_fn_nid and padding 0) into <paramref name="item"/>.</summary>
    public void EncodeInto(Span<byte> item)
    {
        item = item[..SoundLayout.PcmInfo.Size];
        item.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(item[SoundLayout.PcmInfo.Features..], Features);
        BinaryPrimitives.WriteUInt64LittleEndian(item[SoundLayout.PcmInfo.Formats..], Formats);
        BinaryPrimitives.WriteUInt64LittleEndian(item[SoundLayout.PcmInfo.Rates..], Rates);
        item[SoundLayout.PcmInfo.Direction] = Direction;
        item[SoundLayout.PcmInfo.ChannelsMin] = ChannelsMin;
        item[SoundLayout.PcmInfo.ChannelsMax] = ChannelsMax;
    }

    /// <summary>The item in <paramref name="item"/> (at least <see cref="SoundLayout.PcmInfo.Size"/> bytes).</summary>
    public static PcmStreamInfo Decode(ReadOnlySpan<byte> item) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(item[SoundLayout.PcmInfo.Features..]),
        BinaryPrimitives.ReadUInt64LittleEndian(item[SoundLayout.PcmInfo.Formats..]),
        BinaryPrimitives.ReadUInt64LittleEndian(item[SoundLayout.PcmInfo.Rates..]),
        item[SoundLayout.PcmInfo.Direction],
        item[SoundLayout.PcmInfo.ChannelsMin],
        item[SoundLayout.PcmInfo.ChannelsMax]);
}
