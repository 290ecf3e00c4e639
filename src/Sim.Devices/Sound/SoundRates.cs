namespace Sim.Devices.Sound;

/// <summary>
/// The PCM frame rates virtio-snd names (virtio 1.2, 5.14.6.6.2: VIRTIO_SND_PCM_RATE_5512 to _384000), between the
/// rate's index on the wire and its value in hertz. Pure.
/// </summary>
public static class SoundRates
{
    private static readonly int[] Hertz = [5512, 8000, 11025, 16000, 22050, 32000, 44100, 48000, 64000, 88200, 96000, 176400, 192000, 384000];

    /// <summary>Every rate in hertz, by index.</summary>
    public static IReadOnlyList<int> All => Hertz;

    /// <summary>The VIRTIO_SND_PCM_RATE_* index of <paramref name="hertz"/>, or null for a rate the specification does not name.</summary>
    public static byte? IndexOf(int hertz)
    {
        int index = Array.IndexOf(Hertz, hertz);
        return index < 0 ? null : (byte)index;
    }

    /// <summary>The rate in hertz of VIRTIO_SND_PCM_RATE_* index <paramref name="index"/>, or 0 for an unknown index.</summary>
    public static int HertzOf(byte index) => index < Hertz.Length ? Hertz[index] : 0;
}
