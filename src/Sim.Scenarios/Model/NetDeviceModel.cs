using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;

namespace Sim.Scenarios.Model;

/// <summary>
/// A virtio-net device over virtio-mmio on its guest's platform (virtio 1.2, 5.1), and optionally the host-side path
/// that feeds its receive queues (<see cref="Host"/>). A device whose host path is <c>none</c> or <c>vfio</c> has no
/// virtio device at all: the frames reach the host's own application or a passed-through NIC's guest directly.
/// </summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">The size of every queue.</param>
/// <param name="Pairs">Receive/transmit queue pairs (VIRTIO_NET_F_MQ when more than one).</param>
/// <param name="Mergeable">Ask for VIRTIO_NET_F_MRG_RXBUF.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
/// <param name="Workload">What the guest transmits.</param>
/// <param name="Host">The host-side receive path, or null for none.</param>
/// <param name="Inbound">Frames a generator next to the backend offers to the receive queues (pktgen in the backend's host or domain), or null for none.</param>
public sealed record NetDeviceModel(
    string Name, bool Packed, bool EventIdx, ushort QueueSize, int Pairs, bool Mergeable, SharingModel Sharing, NetWorkload Workload, NetHostPathModel? Host,
    NetInboundModel? Inbound = null)
{
    /// <summary>Whether a virtio-net device is built (false for the <c>none</c> and <c>vfio</c> host paths).</summary>
    public bool IsVirtio => Host is null || NetHostPathModel.VirtioPaths.Contains(Host.Path);
}

/// <summary>
/// A packet generator beside the backend (pktgen in the host or the backend's domain, writing into the guest's
/// interface): open loop, <see cref="FramesPerSecond"/> frames of <see cref="FrameBytes"/> each, with exponential gaps,
/// straight into the virtio-net backend's receive path. Offered above what the path sustains, the backend serves
/// frames back to back and the delivered rate (<c>backend/rxFrames</c>) is the path's capacity, as pktgen's rate is
/// when the interface pushes back; frames beyond <see cref="QueueLimit"/> waiting are dropped (<c>rxDropped</c>), so an
/// overloaded run's memory does not grow with its length.
/// </summary>
/// <param name="FrameBytes">Bytes of each frame.</param>
/// <param name="FramesPerSecond">Offered frames per second.</param>
/// <param name="QueueLimit">Frames that may wait for the backend (the interface's queue); more are dropped.</param>
public sealed record NetInboundModel(int FrameBytes, double FramesPerSecond, int QueueLimit = 1000);

/// <summary>
/// The host networking in front of a receiving guest, as the Stratos STR-68 experiment set it up: a sending host
/// (host1) with a time-sensitive sample application and netperf-like background flows, a link, and the receiving
/// host's (host2) NIC and path into the guest.
/// </summary>
/// <param name="Path">none (host1 to host2, no VM) | vfio | macvtap | tap | ovs | xdp.</param>
/// <param name="QueueLimit">Frames the path's queues hold (txqueuelen), and host1's bulk queue.</param>
/// <param name="SamplePeriod">Time between sample frames.</param>
/// <param name="SampleBytes">Sample frame length.</param>
/// <param name="BackgroundFlows">netperf-like flows (0 for none).</param>
/// <param name="BackgroundFrameBytes">Their frame length.</param>
/// <param name="BackgroundBytesPerSecond">Each flow's average (offered) rate, bytes per second.</param>
/// <param name="BackgroundKind"><c>tcp</c> (window-limited AIMD, <c>TcpFlowSource</c>) or <c>open</c> (open loop, <c>BulkFlowSource</c>).</param>
/// <param name="Tcp">The tcp flows' congestion control (null for open-loop flows).</param>
public sealed record NetHostPathModel(
    string Path, int QueueLimit, SimTime SamplePeriod, long SampleBytes, int BackgroundFlows, long BackgroundFrameBytes, double BackgroundBytesPerSecond,
    string BackgroundKind = "open", TcpFlowParameters? Tcp = null)
{
    /// <summary>The background flow kinds a scenario may name.</summary>
    public static readonly string[] FlowKinds = ["tcp", "open"];

    /// <summary>Every path a scenario may name.</summary>
    public static readonly string[] Paths = ["none", "vfio", "macvtap", "tap", "ovs", "xdp"];

    /// <summary>The paths that end in a virtio-net device.</summary>
    public static readonly string[] VirtioPaths = ["macvtap", "tap", "ovs", "xdp"];
}

/// <summary>
/// The published Stratos STR-68 host-to-VM latencies (Linaro Stratos weekly report 2022-11-11, ticket STR-68), per host
/// path, in microseconds: what <c>scenarios/network/str68-host-to-vm-latency.yaml</c> is calibrated against.
/// </summary>
public static class Str68Table
{
    /// <summary>One row: the path and its min, mean, max and standard deviation (µs).</summary>
    public sealed record Row(string Path, string Label, double Min, double Mean, double Max, double StdDev);

    /// <summary>The rows, fastest first.</summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new("none", "host1 to host2 (no VM)", 39.3, 46.8, 49.8, 1.6),
        new("vfio", "VFIO passthrough (no netperf)", 57.0, 62.7, 100.4, 4.0),
        new("macvtap", "macvtap", 92.5, 139.1, 275.4, 35.6),
        new("tap", "tap", 107.4, 228.8, 434.4, 70.4),
        new("ovs", "OVS", 212.6, 344.0, 612.8, 66.3),
        new("xdp", "eBPF (XDP redirect)", 5598.0, 6586.0, 7659.0, 390.3),
    ];
}
