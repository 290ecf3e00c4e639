using Sim.Core.Time;
using Sim.Hypervisors.Costs;
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
///   host: { stages: [nic, bridge, tap], sample: { period: 1ms } }   # optional: the host-side path (NetHostPathReader)
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
        KeyShape.May("rxStack", new BooleanShape(), "Charge the guest kernel's network stack per received frame on the driver's vCPU (net.guest.rxPacket); a timed frame is received when its interrupt's batch is through it, as the application runs after the softirq (default false)."),
        .. SharingReader.KeyShapes,
        KeyShape.May("workload", WorkloadShape, "Frames the guest transmits (default: receive only)."),
        KeyShape.May("host", NetHostPathReader.Shape, "The host-side path that feeds the receive queues."),
        KeyShape.May("inbound", InboundShape, "A generator beside the backend, open loop, straight into the receive queues (not with host)."),
    ]);

    private static MappingShape WorkloadShape => new("a net workload",
    [
        KeyShape.Must("frameBytes", new IntegerShape(14, 65535), "Bytes per transmitted frame."),
        KeyShape.May("outstanding", new IntegerShape(1, 32768), "Frames in flight at once (default 1; at most the queue size)."),
        KeyShape.May("interarrival", DistributionReader.Schema, "Open loop: the time between frames (default: closed loop)."),
    ]);

    private static MappingShape InboundShape => new("inbound",
    [
        KeyShape.Must("frameBytes", new IntegerShape(14, 65535), "Bytes per generated frame."),
        KeyShape.Must("rate", new QuantityShape(QuantityPattern.FrameRate), "Frames per second (pps, kpps, Mpps) or a bit rate (Gb/s, Mb/s)."),
        KeyShape.May("queueLimit", new IntegerShape(1, 1 << 20), "Frames that may wait for the backend before more are dropped (default 1000)."),
    ]);

    /// <summary>Reads one net device of a guest on <paramref name="platform"/>; <paramref name="hostCores"/>: the scenario has a host section (so host-path stages may name threads).</summary>
    public static NetDeviceModel Read(MappingReader device, HashSet<string> names, string platform, CostProfile profile, bool hostCores = false)
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
        bool rxStack = device.Optional("rxStack")?.AsBoolean() ?? false;
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
        NetHostPathModel? host = device.OptionalMapping("host") is { } h ? NetHostPathReader.Read(h, hostCores, profile) : null;
        NetInboundModel? inbound = device.OptionalMapping("inbound") is { } gen ? ReadInbound(gen) : null;
        device.Done();
        if (host is not null && host.Ending != HostPathEnding.VirtioDevice)
        {
            // No virtio-net device is built on this path, so there is no backend to share memory with.
            foreach (string key in SharingReader.Keys)
                if (device.Optional(key) is { } unused)
                    throw unused.Fail($"'{key}' does not apply: host path '{host.Path}' ends in an application, not a virtio-net device, so nothing shares guest memory with a backend; remove it");
        }
        if (inbound is not null && host is not null)
            throw device.FailAt("inbound", "a device is fed either by a host path ('host') or by a generator beside its backend ('inbound'), not both");
        var model = new NetDeviceModel(name, ring == "packed", eventIdx, queueSize, pairs, mergeable, sharing, workload, host, inbound, rxStack);
        if (!model.IsVirtio && rxStack)
            throw device.FailAt("rxStack", $"host path '{host!.Path}' ends in an application, not a virtio-net device whose driver runs a guest's stack; remove 'rxStack'");
        if (!model.IsVirtio && workload.Transmits)
            throw device.FailAt("workload", $"host path '{host!.Path}' ends in an application, not a virtio-net device to transmit on; remove the workload");
        return model;
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
}
