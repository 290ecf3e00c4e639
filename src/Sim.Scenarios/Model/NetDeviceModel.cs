using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;

namespace Sim.Scenarios.Model;

/// <summary>
/// A virtio-net device over virtio-mmio on its guest's platform (virtio 1.2, 5.1), and optionally the host-side path
/// that feeds its receive queues (<see cref="Host"/>). A device whose host path ends in an application (its last stage a
/// <c>socket</c> or <c>vfio</c>) has no virtio device at all: the frames reach the host's own application or a
/// passed-through NIC's guest directly.
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
/// <param name="RxStack">Charge the guest kernel's network stack per received frame on the driver's vCPU
/// (<c>net.guest.rxPacket</c>), a timed frame counting as received when its interrupt's batch is through the stack
/// (<see cref="NetDriver.ReceiveStack"/>); false: the driver's receipt is the frame's arrival.</param>
public sealed record NetDeviceModel(
    string Name, bool Packed, bool EventIdx, ushort QueueSize, int Pairs, bool Mergeable, SharingModel Sharing, NetWorkload Workload, NetHostPathModel? Host,
    NetInboundModel? Inbound = null, bool RxStack = false)
{
    /// <summary>The cost entry of the guest stack's work per received frame (<see cref="RxStack"/>).</summary>
    public const string ReceiveStackCost = "net.guest.rxPacket";

    /// <summary>Whether a virtio-net device is built (false for a host path that ends in an application).</summary>
    public bool IsVirtio => Host is null || Host.Ending == HostPathEnding.VirtioDevice;

    /// <summary>
    /// The backend kind whose own per-packet entries the device reads (<c>net.backend.vhostUser.*</c> for a
    /// <c>vhost-user</c> backend), or null for the generic <c>net.backend.*</c> (<see cref="NetCosts.KindOf"/>).
    /// </summary>
    public string? BackendCostKind => NetCosts.KindOf(Sharing.Backend);
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
/// host's (host2) path into the guest as a list of stages (<see cref="Stages"/>), each a <see cref="HostStageKind"/>.
/// </summary>
/// <param name="Path">The path's name (a label: <c>tap</c>, <c>ovs-afxdp</c>); a STR-68 row's when its stages are that row's.</param>
/// <param name="Stages">host2's stages from its NIC on, in order; the last one's kind says where the path ends.</param>
/// <param name="QueueLimit">Frames the path's queues hold (txqueuelen) unless a stage says otherwise, and host1's bulk queue.</param>
/// <param name="SamplePeriod">Time between sample frames.</param>
/// <param name="SampleBytes">Sample frame length.</param>
/// <param name="BackgroundFlows">netperf-like flows (0 for none).</param>
/// <param name="BackgroundFrameBytes">Their frame length.</param>
/// <param name="BackgroundBytesPerSecond">Each flow's average (offered) rate, bytes per second.</param>
/// <param name="BackgroundKind"><c>tcp</c> (window-limited AIMD, <c>TcpFlowSource</c>) or <c>open</c> (open loop, <c>BulkFlowSource</c>).</param>
/// <param name="Tcp">The tcp flows' congestion control (null for open-loop flows).</param>
/// <param name="Sender">host1's traffic control and NIC, or null for a link that gives the samples their own queue.</param>
public sealed record NetHostPathModel(
    string Path, IReadOnlyList<NetHostStageModel> Stages, int QueueLimit, SimTime SamplePeriod, long SampleBytes, int BackgroundFlows, long BackgroundFrameBytes, double BackgroundBytesPerSecond,
    string BackgroundKind = "open", TcpFlowParameters? Tcp = null, NetSenderModel? Sender = null)
{
    /// <summary>The background flow kinds a scenario may name.</summary>
    public static readonly string[] FlowKinds = ["tcp", "open"];

    /// <summary>When the first sample is sent (a period apart after that), or null for a random time within the period.</summary>
    public SimTime? SamplePhase { get; init; }

    /// <summary>Where a sample's latency ends: when the receiver gets it (the default), at the guest kernel's entry, or at host2's NIC (its hardware receive timestamp).</summary>
    public SampleRxTimestamp RxTimestamp { get; init; }

    /// <summary>Where the path delivers: its last stage's kind decides.</summary>
    public HostPathEnding Ending => Stages.Count == 0 ? HostPathEnding.VirtioDevice : Stages[^1].Kind.Ending;
}

/// <summary>
/// Where a time-sensitive sample's latency ends, as the receiving application takes its receive time
/// (Linux Documentation/networking/timestamping.rst).
/// </summary>
public enum SampleRxTimestamp
{
    /// <summary>When the receiver has the frame: the application reading it, or the guest's virtio-net driver.</summary>
    Application,

    /// <summary>
    /// The guest kernel's software receive timestamp (<c>SOF_TIMESTAMPING_RX_SOFTWARE</c>), taken as the frame enters
    /// its stack (<c>netif_receive_skb</c>), before the frame's own stack work: for a guest behind virtio-net, whose
    /// device has no hardware stamp.
    /// </summary>
    Kernel,

    /// <summary>
    /// The NIC's hardware receive timestamp (<c>SOF_TIMESTAMPING_RX_HARDWARE</c>), taken as the frame comes in from the
    /// wire, before interrupt moderation and the host's stack: what Intel's sample-app-taprio reports. Only a receiver
    /// that owns the NIC can read it (the host, or a guest with the NIC passed through); virtio-net has no such stamp.
    /// </summary>
    Nic,
}

/// <summary>
/// One stage of a host path: its kind and mode (which set its costs, <c>net.host.KIND[.MODE].*</c>), the host thread it
/// runs on when the scenario has a <c>host:</c> section (the softirq context of a NIC queue, a vhost worker, a PMD
/// thread: stages naming the same thread share it), and the frames its queue holds.
/// </summary>
/// <param name="Kind">What the stage is.</param>
/// <param name="Mode">Its mode, one of the kind's (null for a kind without modes).</param>
/// <param name="Thread">The host thread it runs on (a name local to the device), or null for a stage that has its own CPU.</param>
/// <param name="QueueLimit">Frames that may wait in front of it.</param>
/// <param name="Batch">Frames it takes at once and hands on together (a NAPI budget, a PMD's rx burst); 1 by default.</param>
/// <param name="Queues">Receive queues (RSS), for the first stage only: it and the stages after it on its thread are one
/// chain per queue (<see cref="Planning.NetHostPathPlan"/>); 1 by default.</param>
/// <param name="Steering">The queue of flow <c>f</c> (the samples are flow 0, background flows 1..n) for the flows given;
/// the others by the NIC's hash.</param>
/// <param name="Moderation">Its interrupts and how they are throttled (the first stage only, the NIC's receive queue);
/// null: not modelled apart from its costs.</param>
public sealed record NetHostStageModel(HostStageKind Kind, string? Mode, string? Thread, int QueueLimit, int Batch = 1, int Queues = 1, IReadOnlyList<int>? Steering = null,
    Sim.Platform.Network.InterruptModeration? Moderation = null)
{
    /// <summary>Its cost prefix, e.g. <c>net.host.tap</c> or <c>net.host.xdp.generic</c>.</summary>
    public string CostPrefix => Kind.CostPrefix(Mode);

    /// <summary>
    /// Thread names that mean the device's own threads: <c>backend</c> (the virtio-net backend's: a PMD thread that is
    /// also the vhost-user backend) and <c>driver</c> (the guest vCPU that runs the driver).
    /// </summary>
    public static readonly IReadOnlyList<string> DeviceThreads = ["backend", "driver"];
}

/// <summary>
/// The published Stratos STR-68 host-to-VM latencies (Linaro Stratos weekly report 2022-11-11, ticket STR-68), per host
/// path, in microseconds: what <c>scenarios/network/str68-host-to-vm-latency.yaml</c> is calibrated against.
/// </summary>
public static class Str68Table
{
    /// <summary>One row: the cost prefixes of the path's stages after the NIC (as the report describes the set-up), its label and its min, mean, max and standard deviation (µs).</summary>
    public sealed record Row(string[] Stages, string Label, double Min, double Mean, double Max, double StdDev);

    /// <summary>The rows, fastest first.</summary>
    public static readonly IReadOnlyList<Row> Rows =
    [
        new(["net.host.socket"], "host1 to host2 (no VM)", 39.3, 46.8, 49.8, 1.6),
        new(["net.host.vfio"], "VFIO passthrough (no netperf)", 57.0, 62.7, 100.4, 4.0),
        new(["net.host.macvtap"], "macvtap", 92.5, 139.1, 275.4, 35.6),
        new(["net.host.bridge", "net.host.tap"], "tap", 107.4, 228.8, 434.4, 70.4),
        new(["net.host.ovs", "net.host.tap"], "OVS", 212.6, 344.0, 612.8, 66.3),
        new(["net.host.xdp.generic"], "eBPF (XDP redirect)", 5598.0, 6586.0, 7659.0, 390.3),
    ];
}
