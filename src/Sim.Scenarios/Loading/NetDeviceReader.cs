using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-net device (virtio 1.2, 5.1) on a guest's platform, with an optional host path feeding it:
/// <code>
/// - name: net0
///   type: net
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 256                   # every queue (default 256)
///   pairs: 1                         # receive/transmit pairs (default 1; more negotiates VIRTIO_NET_F_MQ)
///   mergeable: true                  # ask for VIRTIO_NET_F_MRG_RXBUF (default true)
///   sharing: full                    # and backend, backendVcpus, kick, iommu, window: see SharingReader
///   workload: { frameBytes: 1514, outstanding: 8, interarrival: { exponential: 20us } }   # optional: transmit
///   host:                            # optional: the host-side path that feeds the receive queues (STR-68)
///     path: tap                      # none | vfio | macvtap | tap | ovs | xdp
///     queueLimit: 1000               # txqueuelen of the path's queues (default 1000)
///     sample: { period: 1ms, frameBytes: 128 }
///     background:                    # optional: netperf-like flows into the guest
///       flows: 3                     # how many (default 3)
///       frameBytes: 1514             # their frame length (default 1514)
///       rate: 780Mb/s                # each flow's offered (application) rate
///       kind: tcp                    # tcp (default): window-limited AIMD (RFC 5681), ACKed on delivery, halved on a
///                                    #   tail drop, needs cost net.host.tcp.ackDelay | open: open loop, drops unnoticed
///       initialWindow: 10            # tcp: frames in flight at the start (default 10, RFC 6928)
///       maxWindow: 4096              # tcp: receive-window cap, frames (default 4096: Linux tcp_rmem max 6 MiB / 1514 B)
///       increase: 1                  # tcp: frames added per window's worth of ACKs (default 1, RFC 5681)
///       decrease: 0.5                # tcp: window factor on a loss, once per window (default 0.5, RFC 5681; CUBIC 0.7)
///   inbound: { frameBytes: 64, rate: 4Mpps, queueLimit: 1000 }   # optional: a generator beside the backend (pktgen
///                                    #   into the guest's interface), open loop, straight into the receive queues; rate in
///                                    #   pps, kpps, Mpps or a bit rate (Gb/s, Mb/s); queueLimit: frames that may wait for
///                                    #   the backend before more are dropped (default 1000, a tap's txqueuelen)
/// </code>
/// </summary>
internal static class NetDeviceReader
{
    /// <summary>The keys of a net device.</summary>
    public static MappingShape Shape => new("a net device",
    [
        .. TransportSectionReader.DeviceKeys("net"),
        TransportSectionReader.RingKey,
        TransportSectionReader.EventIdxKey,
        TransportSectionReader.QueueSizeKey(2, 256),
        KeyShape.May("pairs", new IntegerShape(1, 16), "Receive/transmit queue pairs (default 1; more negotiates VIRTIO_NET_F_MQ)."),
        KeyShape.May("mergeable", new BooleanShape(), "Ask for VIRTIO_NET_F_MRG_RXBUF (default true)."),
        .. SharingReader.KeyShapes,
        KeyShape.May("workload", WorkloadShape, "Frames the guest transmits (default: receive only)."),
        KeyShape.May("host", HostShape, "The host-side path that feeds the receive queues."),
        KeyShape.May("inbound", InboundShape, "A generator beside the backend, open loop, straight into the receive queues (not with host)."),
    ]);

    private static MappingShape WorkloadShape => new("a net workload",
    [
        KeyShape.Must("frameBytes", new IntegerShape(14, 65535), "Bytes per transmitted frame."),
        KeyShape.May("outstanding", new IntegerShape(1, 32768), "Frames in flight at once (default 1; at most the queue size)."),
        KeyShape.May("interarrival", DistributionReader.Schema, "Open loop: the time between frames (default: closed loop)."),
    ]);

    private static MappingShape HostShape => new("a host path",
    [
        KeyShape.Must("path", new EnumShape(NetHostPathModel.Paths), "The host network path: none, vfio, macvtap, tap, ovs or xdp."),
        KeyShape.May("queueLimit", new IntegerShape(1, 1 << 20), "txqueuelen of the path's queues (default 1000)."),
        KeyShape.Must("sample", SampleShape, "The measured frames: one per period."),
        KeyShape.May("background", BackgroundShape, "netperf-like flows into the guest."),
    ]);

    private static MappingShape SampleShape => new("sample",
    [
        KeyShape.Must("period", new QuantityShape(QuantityPattern.Time), "The time between sample frames (> 0)."),
        KeyShape.May("frameBytes", new IntegerShape(64, 9000), "The sample frames' length (default 128)."),
    ]);

    private static MappingShape BackgroundShape => new("background",
    [
        KeyShape.May("flows", new IntegerShape(0, 64), "How many flows (default 3)."),
        KeyShape.May("frameBytes", new IntegerShape(64, 9000), "Their frame length (default 1514)."),
        KeyShape.Must("rate", new QuantityShape(QuantityPattern.BitRate), "Each flow's offered (application) rate, e.g. 780Mb/s."),
        KeyShape.May("kind", new EnumShape(NetHostPathModel.FlowKinds), "tcp (default): window-limited AIMD; open: open loop."),
        KeyShape.May("initialWindow", new IntegerShape(1, 1 << 20), "tcp: frames in flight at the start (default 10, RFC 6928)."),
        KeyShape.May("maxWindow", new IntegerShape(1, 1 << 20), "tcp: receive-window cap in frames (default 4096)."),
        KeyShape.May("increase", new NumberShape(ExclusiveMinimum: 0), "tcp: frames added per window's worth of ACKs (default 1)."),
        KeyShape.May("decrease", new NumberShape(ExclusiveMinimum: 0, ExclusiveMaximum: 1), "tcp: window factor on a loss (default 0.5)."),
    ]);

    private static MappingShape InboundShape => new("inbound",
    [
        KeyShape.Must("frameBytes", new IntegerShape(14, 65535), "Bytes per generated frame."),
        KeyShape.Must("rate", new QuantityShape(QuantityPattern.FrameRate), "Frames per second (pps, kpps, Mpps) or a bit rate (Gb/s, Mb/s)."),
        KeyShape.May("queueLimit", new IntegerShape(1, 1 << 20), "Frames that may wait for the backend before more are dropped (default 1000)."),
    ]);

    /// <summary>Reads one net device of a guest on <paramref name="platform"/>.</summary>
    public static NetDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        string name = TransportSectionReader.ReadPathName(device.Required("name"), "device", names);
        NodeReader ringNode = device.Optional("ring") ?? device.Self;
        string ring = device.OptionalString("ring") ?? "split";
        if (ring is not ("split" or "packed")) throw ringNode.Unexpected("'split' or 'packed'");
        bool eventIdx = device.Optional("eventIdx")?.AsBoolean() ?? false;
        ushort queueSize = (ushort)(device.OptionalInt64("queueSize", min: 2, max: 32768) ?? 256);
        if (ring == "split" && (queueSize & (queueSize - 1)) != 0)
            throw device.FailAt("queueSize", $"a split queue size must be a power of two, found {queueSize}");
        int pairs = (int)(device.OptionalInt64("pairs", min: 1, max: 16) ?? 1);
        bool mergeable = device.Optional("mergeable")?.AsBoolean() ?? true;
        var (sharing, _) = SharingReader.Read(device, platform);
        NetWorkload workload = NetWorkload.ReceiveOnly;
        if (device.OptionalMapping("workload") is { } w)
        {
            w.Declare(WorkloadShape);
            int frame = (int)w.RequiredInt64("frameBytes", min: 14, max: 65535);
            int outstanding = (int)(w.OptionalInt64("outstanding", min: 1, max: 32768) ?? 1);
            var interarrival = w.Optional("interarrival") is { } i ? DistributionReader.Read(i) : null;
            w.Done();
            if (outstanding > queueSize) throw w.FailAt("outstanding", $"outstanding ({outstanding}) cannot exceed the queue size ({queueSize})");
            workload = new NetWorkload(frame, outstanding, interarrival);
        }
        NetHostPathModel? host = device.OptionalMapping("host") is { } h ? ReadHost(h) : null;
        NetInboundModel? inbound = device.OptionalMapping("inbound") is { } gen ? ReadInbound(gen) : null;
        device.Done();
        if (host is not null && !NetHostPathModel.VirtioPaths.Contains(host.Path))
        {
            // No virtio-net device is built on this path, so there is no backend to share memory with.
            foreach (string key in SharingReader.Keys)
                if (device.Optional(key) is { } unused)
                    throw unused.Fail($"'{key}' does not apply: host path '{host.Path}' has no virtio-net device, so nothing shares guest memory with a backend; remove it");
        }
        if (inbound is not null && host is not null)
            throw device.FailAt("inbound", "a device is fed either by a host path ('host') or by a generator beside its backend ('inbound'), not both");
        var model = new NetDeviceModel(name, ring == "packed", eventIdx, queueSize, pairs, mergeable, sharing, workload, host, inbound);
        if (!model.IsVirtio && workload.Transmits)
            throw device.FailAt("workload", $"host path '{host!.Path}' has no virtio-net device to transmit on; remove the workload");
        return model;
    }

    private static NetHostPathModel ReadHost(MappingReader h)
    {
        h.Declare(HostShape);
        string path = SharingReader.OneOf(h.Required("path"), NetHostPathModel.Paths, "a host network path");
        int limit = (int)(h.OptionalInt64("queueLimit", min: 1, max: 1 << 20) ?? 1000);
        MappingReader sample = h.Mapping("sample").Declare(SampleShape);
        NodeReader periodNode = sample.Required("period");
        SimTime period = periodNode.AsTime();
        if (period <= SimTime.Zero) throw periodNode.Unexpected("a time > 0");
        long sampleBytes = sample.OptionalInt64("frameBytes", min: 64, max: 9000) ?? 128;
        sample.Done();
        int flows = 0;
        long bulkBytes = 1514;
        double rate = 0;
        string kind = "tcp";
        TcpFlowParameters? tcp = null;
        if (h.OptionalMapping("background") is { } b)
        {
            b.Declare(BackgroundShape);
            flows = (int)(b.OptionalInt64("flows", min: 0, max: 64) ?? 3);
            bulkBytes = b.OptionalInt64("frameBytes", min: 64, max: 9000) ?? 1514;
            rate = UnitReader.BitRate(b.Required("rate"));
            if (b.Optional("kind") is { } k) kind = SharingReader.OneOf(k, NetHostPathModel.FlowKinds, "a background flow kind");
            if (kind == "tcp") tcp = ReadTcp(b);
            b.Done();
        }
        h.Done();
        return new NetHostPathModel(path, limit, period, sampleBytes, flows, bulkBytes, rate, kind, tcp);
    }

    private static NetInboundModel ReadInbound(MappingReader i)
    {
        i.Declare(InboundShape);
        int frameBytes = (int)i.RequiredInt64("frameBytes", min: 14, max: 65535);
        NodeReader rateNode = i.Required("rate");
        double framesPerSecond = UnitReader.PacketRate(rateNode) ?? UnitReader.BitRate(rateNode) / frameBytes;
        int limit = (int)(i.OptionalInt64("queueLimit", min: 1, max: 1 << 20) ?? 1000);
        i.Done();
        return new NetInboundModel(frameBytes, framesPerSecond, limit);
    }

    private static TcpFlowParameters ReadTcp(MappingReader b)
    {
        int initial = (int)(b.OptionalInt64("initialWindow", min: 1, max: 1 << 20) ?? 10);
        int max = (int)(b.OptionalInt64("maxWindow", min: 1, max: 1 << 20) ?? 4096);
        if (max < initial) throw b.FailAt("maxWindow", $"maxWindow ({max}) cannot be below initialWindow ({initial})");
        NodeReader? increaseNode = b.Optional("increase"), decreaseNode = b.Optional("decrease");
        double increase = increaseNode?.AsDouble() ?? 1;
        if (!(increase > 0) || !double.IsFinite(increase)) throw increaseNode!.Unexpected("a number > 0");
        double decrease = decreaseNode?.AsDouble() ?? 0.5;
        if (!(decrease > 0 && decrease < 1)) throw decreaseNode!.Unexpected("a number between 0 and 1 (exclusive)");
        return new TcpFlowParameters(initial, max, increase, decrease);
    }
}
