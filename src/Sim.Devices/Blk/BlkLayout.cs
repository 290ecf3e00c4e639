namespace Sim.Devices.Blk;

/// <summary>virtio-blk feature bits (virtio 1.2, 5.2.3) as masks, like <see cref="Virtio.VirtioFeatures"/>.</summary>
public static partial class BlkFeatures
{
    /// <summary>Whether <paramref name="features"/> holds every bit of <paramref name="feature"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
