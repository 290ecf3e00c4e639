using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Net;

/// <summary>
/// The virtio-net backend's per-packet work (virtio 1.2, 5.1.6.2 / 5.1.6.3), from the cost profile. The generic entries,
/// <c>net.backend.txPacket</c> (take a frame out of a transmit chain and hand it to the host stack) and
/// <c>net.backend.rxPacket</c> (place a received frame into receive buffers), are vhost-net's work beyond the virtqueue
/// (~0.7 us per packet: the tun/vhost_net skb_array patches, Jason Wang, Linux 4.8), charged on top of
/// <c>backend.popChain</c> and <c>backend.pushUsed</c>. A backend kind with entries of its own
/// (<c>net.backend.KIND.txPacket</c>, <c>.rxPacket</c>; <see cref="Kinds"/>) is measured differently: a DPDK vhost-user
/// backend's figures are per packet of a whole rte_vhost_enqueue_burst / rte_vhost_dequeue_burst call (descriptor
/// reservation, copy, used-ring update), so its entries carry the virtqueue work too (<see cref="IncludesRing"/>).
/// </summary>
/// <param name="TxPacket">Backend time per transmitted frame.</param>
/// <param name="RxPacket">Backend time per received frame.</param>
public sealed record NetCosts(CostItem TxPacket, CostItem RxPacket)
{
    /// <summary>The generic profile entries (a backend kind without entries of its own reads these).</summary>
    public static readonly IReadOnlyList<string> Names = ["net.backend.txPacket", "net.backend.rxPacket"];

    /// <summary>
    /// The backend kinds with per-packet entries of their own, as cost-name segments (no '-'): <c>vhostUser</c>, a
    /// user-space (DPDK rte_vhost) vhost-user backend polling on its own core.
    /// </summary>
    public static readonly IReadOnlyList<string> Kinds = ["vhostUser"];

    /// <summary>
    /// Whether <see cref="TxPacket"/> and <see cref="RxPacket"/> already cover the virtqueue work (popping chains,
    /// publishing used elements), so the backend charges no <c>backend.popChain</c>/<c>backend.pushUsed</c> per packet.
    /// </summary>
    public bool IncludesRing { get; init; }

    /// <summary>The generic costs from <paramref name="profile"/>.</summary>
    public static NetCosts From(CostProfile profile) =>
        new(profile.CostOf("net.backend.txPacket"), profile.CostOf("net.backend.rxPacket"));

    /// <summary>
    /// The costs of a backend of <paramref name="kind"/> (one of <see cref="Kinds"/>, or null for the generic entries)
    /// from <paramref name="profile"/>. A kind's entries are required, not filled in from the generic ones: vhost-net's
    /// figures (with the virtqueue entries, an order of magnitude above a DPDK enqueue) would be silently wrong for it.
    /// </summary>
    public static NetCosts From(CostProfile profile, string? kind)
    {
        if (kind is null) return From(profile);
        var names = NamesFor(kind);
        return new NetCosts(profile.CostOf(names[0]), profile.CostOf(names[1])) { IncludesRing = true };
    }

    /// <summary>The entries a backend of <paramref name="kind"/> reads (null: the generic ones).</summary>
    public static IReadOnlyList<string> NamesFor(string? kind)
    {
        if (kind is null) return Names;
        if (!Kinds.Contains(kind)) throw new ArgumentException($"no net backend kind '{kind}' (known: {string.Join(", ", Kinds)})", nameof(kind));
        return [$"net.backend.{kind}.txPacket", $"net.backend.{kind}.rxPacket"];
    }

    /// <summary>
    /// The kind whose entries a backend placed as <paramref name="backend"/> reads (a scenario's <c>backend:</c>, e.g.
    /// <c>vhost-user</c> is <c>vhostUser</c>), or null when the kind has none and reads the generic entries.
    /// </summary>
    public static string? KindOf(string? backend)
    {
        if (string.IsNullOrEmpty(backend)) return null;
        string kind = CostNameSegment.Of(backend);
        return Kinds.Contains(kind) ? kind : null;
    }
}
