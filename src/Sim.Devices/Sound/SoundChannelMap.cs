using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// One channel map as the device describes it, a <c>virtio_snd_chmap_info</c> item of a VIRTIO_SND_R_CHMAP_INFO answer
/// (virtio 1.2, 5.14.6.9.1): the function group (<c>hda_fn_nid</c>), the direction of the streams it applies to, and
/// one VIRTIO_SND_CHMAP_* position per channel (at most VIRTIO_SND_CHMAP_MAX_SIZE). Plain data.
/// </summary>
/// <param name="HdaFnNid">hdr.hda_fn_nid: the HDA function group.</param>
/// <param name="Direction">direction: VIRTIO_SND_D_OUTPUT or VIRTIO_SND_D_INPUT.</param>
/// <param name="Positions">positions[0..channels): VIRTIO_SND_CHMAP_* values.</param>
public sealed record SoundChannelMap(uint HdaFnNid, byte Direction, IReadOnlyList<byte> Positions)
{
    /// <summary>The highest position value virtio-snd names (VIRTIO_SND_CHMAP_BRC).</summary>
    public const byte LastPosition = SoundLayout.ChannelPosition.Brc;

    private static readonly byte[] Surround =
    [
        SoundLayout.ChannelPosition.Fl, SoundLayout.ChannelPosition.Fr, SoundLayout.ChannelPosition.Rl, SoundLayout.ChannelPosition.Rr,
        SoundLayout.ChannelPosition.Fc, SoundLayout.ChannelPosition.Lfe, SoundLayout.ChannelPosition.Sl, SoundLayout.ChannelPosition.Sr,
    ];

    /// <summary>The usual map of <paramref name="channels"/> (1 to 8) in <paramref name="direction"/>: MONO; FL, FR; then RL, RR, FC, LFE, SL, SR (ALSA's order).</summary>
    public static SoundChannelMap Standard(byte direction, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, Surround.Length);
        return new SoundChannelMap(0, direction, channels == 1 ? [SoundLayout.ChannelPosition.Mono] : Surround[..channels]);
    }

    /// <summary>Writes the item (<see cref="SoundLayout.ChmapInfo.Size"/> bytes, unused positions 0) into <paramref name="item"/>.</summary>
    public void EncodeInto(Span<byte> item)
    {
        item = item[..SoundLayout.ChmapInfo.Size];
        item.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(item[(SoundLayout.ChmapInfo.Hdr + SoundLayout.Info.HdaFnNid)..], HdaFnNid);
        item[SoundLayout.ChmapInfo.Direction] = Direction;
        item[SoundLayout.ChmapInfo.Channels] = (byte)Positions.Count;
        for (int i = 0; i < Positions.Count && i < SoundLayout.ChmapMaxSize; i++) item[SoundLayout.ChmapInfo.Positions + i] = Positions[i];
    }

    /// <summary>The item in <paramref name="item"/> (at least <see cref="SoundLayout.ChmapInfo.Size"/> bytes); channels past the maximum are cut.</summary>
    public static SoundChannelMap Decode(ReadOnlySpan<byte> item)
    {
        int channels = Math.Min((int)item[SoundLayout.ChmapInfo.Channels], (int)SoundLayout.ChmapMaxSize);
        return new SoundChannelMap(BinaryPrimitives.ReadUInt32LittleEndian(item[(SoundLayout.ChmapInfo.Hdr + SoundLayout.Info.HdaFnNid)..]),
            item[SoundLayout.ChmapInfo.Direction], item.Slice(SoundLayout.ChmapInfo.Positions, channels).ToArray());
    }
}
