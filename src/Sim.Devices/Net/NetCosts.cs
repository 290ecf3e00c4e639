using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Net;

/// <summary>
/// The virtio-net backend's per-packet work beyond the virtqueue costs (virtio 1.2, 5.1.6.2 / 5.1.6.3), from the cost
/// profile: <c>net.backend.txPacket</c> (take a frame out of a transmit chain and hand it to the host stack) and
/// <c>net.backend.rxPacket</c> (place a received frame into receive buffers), vhost-net's ~0.7 us per packet
/// (the tun/vhost_net skb_array patches, Jason Wang, Linux 4.8).
/// </summary>
/// <param name="TxPacket">Backend time per transmitted frame.</param>
/// <param name="RxPacket">Backend time per received frame.</param>
public sealed record NetCosts(CostItem TxPacket, CostItem RxPacket)
{
    /// <summary>The profile entries this reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["net.backend.txPacket", "net.backend.rxPacket"];

    /// <summary>The costs from <paramref name="profile"/>.</summary>
    public static NetCosts From(CostProfile profile) =>
        new(profile.CostOf("net.backend.txPacket"), profile.CostOf("net.backend.rxPacket"));
}
