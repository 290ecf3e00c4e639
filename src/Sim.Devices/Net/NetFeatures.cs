namespace Sim.Devices.Net;

/// <summary>
/// virtio-net feature bits the model uses (virtio 1.2, 5.1.3; Linux <c>virtio_net.h</c> VIRTIO_NET_F_*), as masks like
/// <see cref="Virtio.VirtioFeatures"/>.
/// </summary>
public static partial class NetFeatures
{
    /// <summary>Whether <paramref name="features"/> holds every bit of <paramref name="feature"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
