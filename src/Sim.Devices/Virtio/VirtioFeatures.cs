namespace Sim.Devices.Virtio;

/// <summary>
/// Reserved (transport and ring) feature bits, as masks (virtio 1.2, 6 "Reserved Feature Bits";
/// Linux <c>include/uapi/linux/virtio_config.h</c>, <c>virtio_ring.h</c>). Device-specific bits are 0 to 23.
/// </summary>
public static partial class VirtioFeatures
{
    /// <summary>Whether every bit of <paramref name="feature"/> is in <paramref name="features"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
