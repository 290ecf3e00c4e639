using Sim.Hypervisors.Costs;

namespace Sim.Platform.Network;

/// <summary>
/// A kind of stage on a Linux host's receive path that a scenario may put in a path (<c>host.stages</c> of a net device):
/// its name, the modes it runs in (each its own cost prefix <c>net.host.KIND.MODE</c>, or <c>net.host.KIND</c> for a kind
/// without modes) and where a path that ends with it delivers its frames. Every stage is a <see cref="HostStage"/> (a
/// server with a bounded queue, optionally on a host thread); the kinds differ in their costs and in where the path ends.
/// Sources for what each kind does: Linux <c>drivers/net/ethernet/intel/igc</c> (nic), <c>net/core/dev.c</c>
/// (<c>do_xdp_generic</c>, <c>netif_receive_skb</c>), <c>net/bridge/br_input.c</c>, <c>drivers/net/tun.c</c>,
/// <c>drivers/net/tap.c</c> (macvtap), <c>net/openvswitch/datapath.c</c>, <c>net/ipv4/udp.c</c>, <c>drivers/vfio/pci</c>.
/// </summary>
/// <param name="Name">The kind's name in a scenario.</param>
/// <param name="Modes">Its modes (the first is the default), or empty for none.</param>
/// <param name="Ending">Where a path whose last stage it is delivers (<see cref="HostPathEnding"/>).</param>
/// <param name="Description">One line for the schema and the docs.</param>
/// <param name="Polls">Whether its thread busy-polls (a poll-mode driver thread): on a host thread it keeps its core
/// between frames instead of sleeping, so it never waits to be woken and the core does nothing else unless the
/// scheduler takes it away at a slice's end.</param>
public sealed record HostStageKind(string Name, IReadOnlyList<string> Modes, HostPathEnding Ending, string Description, bool Polls = false)
{
    /// <summary>
    /// The cost prefix of this kind in <paramref name="mode"/> (null: the default mode), e.g. <c>net.host.xdp.generic</c>;
    /// a hyphenated mode is camel-cased, as cost names are (<c>zero-copy</c>: <c>net.host.afxdp.zeroCopy</c>).
    /// </summary>
    public string CostPrefix(string? mode) => Modes.Count == 0 ? $"net.host.{Name}" : $"net.host.{Name}.{CostNameSegment.Of(mode ?? Modes[0])}";

    /// <summary>Every kind a scenario may name.</summary>
    public static readonly IReadOnlyList<HostStageKind> All =
    [
        new("nic", [], HostPathEnding.VirtioDevice, "The NIC's receive DMA, interrupt and the driver's NAPI poll (igc, softirq)."),
        new("xdp", ["generic", "native"], HostPathEnding.VirtioDevice,
            "An XDP program redirecting to the next stage: generic (skb mode, after the nic stage built an skb; copies) or native (in the driver before any skb, its receive included: no nic stage before it)."),
        new("bridge", [], HostPathEnding.VirtioDevice, "A Linux bridge: FDB lookup and forward to a port."),
        new("macvtap", [], HostPathEnding.VirtioDevice, "macvtap: the lower device's receive handler queues into the tap queue that vhost-net reads."),
        new("tap", [], HostPathEnding.VirtioDevice, "A tap device: tun_net_xmit into its ring, which vhost-net reads (tun_recvmsg)."),
        new("ovs", [], HostPathEnding.VirtioDevice, "The Open vSwitch kernel datapath: flow lookup (megaflow hit) and output to a port."),
        new("afxdp", ["zero-copy", "copy"], HostPathEnding.VirtioDevice,
            "An XDP program in the driver redirecting to an AF_XDP socket (XSKMAP), its receive included (no nic stage before it): the frame lands in a UMEM buffer from the fill ring (zero-copy) or is copied into one (copy)."),
        new("pmd", [], HostPathEnding.VirtioDevice,
            "Open vSwitch's userspace datapath on a poll-mode thread (dpif-netdev): polls its receive queues, looks the flow up, outputs to the guest's port.", Polls: true),
        new("socket", [], HostPathEnding.HostApplication, "Delivery to a UDP socket of an application on the receiving host; ends the path."),
        new("vfio", [], HostPathEnding.GuestApplication, "VFIO passthrough: the NIC is the guest's own, its driver and an application in the guest; ends the path."),
    ];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names => All.Select(k => k.Name).ToArray();

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static HostStageKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);
}

/// <summary>Where a host path delivers its frames, set by its last stage's kind.</summary>
public enum HostPathEnding
{
    /// <summary>The guest's virtio-net device (its backend: vhost-net or vhost-user) and driver.</summary>
    VirtioDevice,

    /// <summary>An application on the receiving host itself (no VM).</summary>
    HostApplication,

    /// <summary>An application in a guest that owns the NIC (passthrough; no virtio device).</summary>
    GuestApplication,
}
