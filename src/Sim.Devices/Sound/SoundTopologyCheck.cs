namespace Sim.Devices.Sound;

/// <summary>
/// What a virtio-snd driver checks in the device's description of its jacks and channel maps before it builds ALSA
/// controls from them (virtio 1.2, 5.14.6.4.1 and 5.14.6.9.1; Linux <c>virtsnd_jack_parse_cfg</c>,
/// <c>virtsnd_chmap_parse_cfg</c>): a jack's <c>connected</c> is 0 or 1 and its features are at most
/// VIRTIO_SND_JACK_F_REMAP; a channel map's direction is VIRTIO_SND_D_OUTPUT or VIRTIO_SND_D_INPUT, it has 1 to
/// VIRTIO_SND_CHMAP_MAX_SIZE channels and every position is a VIRTIO_SND_CHMAP_* value. Pure.
/// </summary>
public static class SoundTopologyCheck
{
    /// <summary>The section a jack answer breaks.</summary>
    public const string JackSection = "virtio 1.2, 5.14.6.4.1";

    /// <summary>The section a channel map answer breaks.</summary>
    public const string ChmapSection = "virtio 1.2, 5.14.6.9.1";

    /// <summary>What is wrong with the <paramref name="count"/> jack items in <paramref name="items"/>, or null.</summary>
    public static string? Jacks(ReadOnlySpan<byte> items, int count)
    {
        for (int j = 0; j < count; j++)
        {
            var jack = SoundJack.Decode(items[(j * SoundLayout.JackInfo.Size)..]);
            if (jack.Connected > 1) return $"jack {j}: connected is {jack.Connected}, neither 0 nor 1";
            if ((jack.Features & ~(1u << SoundLayout.JackFeatureRemap)) != 0) return $"jack {j}: features 0x{jack.Features:x} name bits beyond VIRTIO_SND_JACK_F_REMAP";
        }
        return null;
    }

    /// <summary>What is wrong with the <paramref name="count"/> channel map items in <paramref name="items"/>, or null.</summary>
    public static string? ChannelMaps(ReadOnlySpan<byte> items, int count)
    {
        for (int m = 0; m < count; m++)
        {
            var item = items[(m * SoundLayout.ChmapInfo.Size)..];
            byte direction = item[SoundLayout.ChmapInfo.Direction], channels = item[SoundLayout.ChmapInfo.Channels];
            if (direction != SoundLayout.DirectionOutput && direction != SoundLayout.DirectionInput) return $"channel map {m}: direction {direction} is neither output nor input";
            if (channels is 0 or > SoundLayout.ChmapMaxSize) return $"channel map {m}: {channels} channels, not 1 to {SoundLayout.ChmapMaxSize}";
            var map = SoundChannelMap.Decode(item);
            for (int c = 0; c < map.Positions.Count; c++)
                if (map.Positions[c] > SoundChannelMap.LastPosition) return $"channel map {m}: position {c} is {map.Positions[c]}, not a VIRTIO_SND_CHMAP_* value";
        }
        return null;
    }
}
