using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Platform.Network;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a net device's host path (<see cref="NetHostPathModel"/>): the sending host's sample and background flows, and
/// the receiving host's stages in order, each a kind (<see cref="HostStageKind.All"/>) given by name or as a mapping:
/// <code>
/// host:
///   path: tap                        # optional: the path's name (default: its stage kinds joined by '+')
///   stages:                          # host2's receive path from its NIC on; the last stage says where it ends:
///     - { kind: nic, moderation: adaptive }   # socket: an application on host2; vfio: an application in a guest that owns
///     - { kind: bridge, thread: softirq }   # the NIC; any other: the device's virtio-net backend
///     - { kind: xdp, mode: generic, queueLimit: 1000, batch: 64 }   # mode: one of the kind's; batch: frames taken at
///                                    #   once and handed on together (NAPI budget 64, PMD rx burst 32; default 1); queues: first
///                                    #   stage only, receive queues (RSS; steering: [queue of flow 0, of flow 1, ...]);
///                                    #   thread: the host thread it runs
///                                    #   on when the scenario has a host section (stages naming one thread share it;
///                                    #   backend and driver are the device's own backend and vCPU threads);
///                                    #   moderation (first stage only): model its interrupts, off, adaptive (igc's rx-usecs 3)
///                                    #   or a time (default: not modelled apart from the stage's costs)
///   queueLimit: 1000                 # txqueuelen of the path's queues (default 1000)
///   sample: { period: 1ms, frameBytes: 128 }   # phase: when the first is sent (default: at random within the period)
///   background:                      # optional: netperf-like flows into the guest
///     flows: 3                       # how many (default 3)
///     frameBytes: 1514               # their frame length (default 1514)
///     rate: 780Mb/s                  # each flow's offered (application) rate
///     kind: tcp                      # tcp (default): window-limited AIMD (RFC 5681), ACKed on delivery, halved on a
///                                    #   tail drop, needs cost net.host.tcp.ackDelay | open: open loop, drops unnoticed
///     initialWindow: 10              # tcp: frames in flight at the start (default 10, RFC 6928)
///     maxWindow: 4096                # tcp: receive-window cap, frames (default 4096: Linux tcp_rmem max 6 MiB / 1514 B)
///     increase: 1                    # tcp: frames added per window's worth of ACKs (default 1, RFC 5681)
///     decrease: 0.5                  # tcp: window factor on a loss, once per window (default 0.5, RFC 5681; CUBIC 0.7)
///   sender: { qdisc: { kind: taprio, ... } }   # optional: host1's tc and NIC (NetSenderReader)
/// </code>
/// </summary>
internal static class NetHostPathReader
{
    /// <summary>The keys of a host path.</summary>
    public static MappingShape Shape => new("a host path",
    [
        KeyShape.May("path", new TextShape(), "The path's name (default: its stage kinds joined by '+')."),
        KeyShape.Must("stages", new ListShape(new EitherShape(new EnumShape(HostStageKind.Names), StageShape), MinItems: 1),
            "The receiving host's stages from its NIC on, in order; the last one's kind says where the path ends."),
        KeyShape.May("queueLimit", new IntegerShape(1, 1 << 20), "txqueuelen of the path's queues (default 1000)."),
        KeyShape.Must("sample", SampleShape, "The measured frames: one per period."),
        KeyShape.May("background", BackgroundShape, "netperf-like flows into the guest."),
        KeyShape.May("sender", NetSenderReader.Shape, "host1's traffic control and NIC (default: the samples have a transmit queue of their own)."),
    ]);

    private static MappingShape StageShape => new("a host stage",
    [
        KeyShape.Must("kind", new EnumShape(HostStageKind.Names), "What the stage is: " + string.Join(", ", HostStageKind.Names) + "."),
        KeyShape.May("mode", new EnumShape(HostStageKind.All.SelectMany(k => k.Modes).Distinct().ToArray()), "One of the kind's modes (xdp: generic or native)."),
        KeyShape.May("thread", new TextShape("^[A-Za-z0-9_.-]+$"), "The host thread it runs on with a host section (stages naming one thread share it)."),
        KeyShape.May("queueLimit", new IntegerShape(1, 1 << 20), "Frames that may wait in front of it (default: the path's queueLimit)."),
        KeyShape.May("batch", new IntegerShape(1, 1024), "Frames it takes at once and hands on together: a NAPI poll's budget (64), a PMD's rx burst (32); default 1."),
        KeyShape.May("queues", new IntegerShape(1, 64), "First stage only: receive queues (RSS); it and the stages after it on its thread become one chain per queue (default 1)."),
        KeyShape.May("steering", new ListShape(new IntegerShape(0, 63)), "With queues: the queue of flow 0 (the samples), 1, 2, ... (the background flows); flows not listed by the NIC's hash."),
        KeyShape.May("moderation", new EitherShape(new EnumShape(ModerationWords), new QuantityShape(QuantityPattern.Time)),
            "First stage only (the NIC's receive queue: nic, or xdp native or afxdp, which include the receive): model the NIC's interrupts, each costing net.host.nic.interrupt of CPU, under moderation as ethtool -C rx-usecs sets it on igc: off (rx-usecs 0: an interrupt for every frame that finds the queue idle), adaptive (rx-usecs 3, the driver's default: from the average frame size, 49-375 us), or a fixed minimum interval of whole microseconds from 4us to 8191us such as 50us. Without it, interrupts are not modelled apart from the stage's own costs."),
    ]);

    private static readonly string[] ModerationWords = ["off", "adaptive"];

    private static MappingShape SampleShape => new("sample",
    [
        KeyShape.Must("period", new QuantityShape(QuantityPattern.Time), "The time between sample frames (> 0)."),
        KeyShape.May("frameBytes", new IntegerShape(64, 9000), "The sample frames' length (default 128)."),
        KeyShape.May("phase", new QuantityShape(QuantityPattern.Time), "When the first sample is sent (default: a random time within the period)."),
        KeyShape.May("rxTimestamp", new EnumShape(RxTimestamps), "Where a sample's latency ends: application (default: when the receiver has it), kernel (a virtio-net guest's software receive timestamp, as the frame enters its stack) or nic (host2's NIC's hardware receive timestamp; a receiver that owns the NIC only)."),
    ]);

    private static readonly string[] RxTimestamps = ["application", "kernel", "nic"];

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

    /// <summary>Reads the host path mapping <paramref name="h"/>; <paramref name="hostCores"/>: the scenario has a host section, so stages may name threads.</summary>
    public static NetHostPathModel Read(MappingReader h, bool hostCores, CostProfile profile)
    {
        h.Declare(Shape);
        int limit = (int)(h.OptionalInt64("queueLimit", min: 1, max: 1 << 20) ?? 1000);
        var stages = ReadStages(h.Required("stages"), limit, hostCores);
        string path = h.OptionalString("path") ?? string.Join('+', stages.Select(s => s.Kind.Name));
        MappingReader sample = h.Mapping("sample").Declare(SampleShape);
        SimTime period = sample.Required("period").AsPositiveTime();
        long sampleBytes = sample.OptionalInt64("frameBytes", min: 64, max: 9000) ?? 128;
        SimTime? phase = null;
        if (sample.Optional("phase") is { } phaseNode)
        {
            phase = phaseNode.AsTime();
            if (phase < SimTime.Zero || phase >= period) throw phaseNode.Unexpected($"a time from 0 to less than the period ({period})");
        }
        var rxTimestamp = sample.Optional("rxTimestamp") is { } stampNode ? RxTimestamp(stampNode, stages[^1].Kind.Ending) : SampleRxTimestamp.Application;
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
        NetSenderModel? sender = h.OptionalMapping("sender") is { } sn ? NetSenderReader.Read(sn,
            profile.Has(NetSenderModel.TaprioSoftwareDequeueCost) ? profile.Time(NetSenderModel.TaprioSoftwareDequeueCost) : SimTime.Zero,
            profile.Has("net.host.link.perByte") && profile.Time("net.host.link.perByte").Picoseconds > 0 ? SimTime.PicosPerSecond / profile.Time("net.host.link.perByte").Picoseconds : 312_500_000) : null;
        h.Done();
        return new NetHostPathModel(path, stages, limit, period, sampleBytes, flows, bulkBytes, rate, kind, tcp, sender) { SamplePhase = phase, RxTimestamp = rxTimestamp };
    }

    private static SampleRxTimestamp RxTimestamp(NodeReader node, HostPathEnding ending)
    {
        bool virtio = ending == HostPathEnding.VirtioDevice;
        switch (SharingReader.OneOf(node, RxTimestamps, "where a sample's latency ends"))
        {
            case "nic" when virtio:
                throw node.Fail("'nic' reads host2's NIC's hardware receive timestamp, which only a receiver that owns the NIC can (a path ending in socket or vfio); this path ends in a virtio-net device, which has no hardware receive timestamps (virtio 1.2, 5.1): use kernel or application");
            case "nic":
                return SampleRxTimestamp.Nic;
            case "kernel" when !virtio:
                throw node.Fail("'kernel' is a virtio-net guest's stamp as a frame enters its stack; this path ends in an application whose kernel receive the model charges with the stage before it (its hand-off included): use nic or application");
            case "kernel":
                return SampleRxTimestamp.Kernel;
            default:
                return SampleRxTimestamp.Application;
        }
    }

    private static List<NetHostStageModel> ReadStages(NodeReader node, int pathLimit, bool hostCores)
    {
        var items = node.AsSequence().Items;
        if (items.Count == 0) throw node.Unexpected("at least one stage (the NIC's, 'nic')");
        var stages = new List<NetHostStageModel>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var stage = item.IsMapping ? ReadStage(item.AsMapping(), pathLimit, hostCores, first: i == 0) : new NetHostStageModel(KindOf(item), null, null, pathLimit);
            if (!kinds.Add(stage.Kind.Name))
                throw item.Fail($"a path has one stage of each kind; '{stage.Kind.Name}' is here twice (each stage is an actor named by its kind)");
            if (stage.Kind.Ending != HostPathEnding.VirtioDevice && i != items.Count - 1)
                throw item.Fail($"a '{stage.Kind.Name}' stage delivers to an application and ends the path; it must be the last stage");
            stages.Add(stage);
        }
        if (stages[^1].Kind.Ending != HostPathEnding.VirtioDevice && stages.FindIndex(s => s.Thread is { } t && NetHostStageModel.DeviceThreads.Contains(t)) is int own and >= 0)
            throw items[own].Fail($"thread '{stages[own].Thread}' is a virtio-net device's own thread, and this path ends in an application, with no virtio-net device");
        return stages;
    }

    private static NetHostStageModel ReadStage(MappingReader s, int pathLimit, bool hostCores, bool first)
    {
        s.Declare(StageShape);
        var kind = KindOf(s.Required("kind"));
        string? mode = null;
        if (s.Optional("mode") is { } modeNode)
        {
            if (kind.Modes.Count == 0) throw modeNode.Fail($"a '{kind.Name}' stage has no modes; remove 'mode'");
            mode = SharingReader.OneOf(modeNode, kind.Modes.ToArray(), $"a mode of '{kind.Name}'");
        }
        string? thread = s.Optional("thread") is { } t ? ThreadName(t) : null;
        if (thread is not null && !hostCores)
            throw s.FailAt("thread", "a stage runs on a host thread only when the scenario has a host section (its cores); add one or remove 'thread'");
        int limit = (int)(s.OptionalInt64("queueLimit", min: 1, max: 1 << 20) ?? pathLimit);
        int batch = (int)(s.OptionalInt64("batch", min: 1, max: 1024) ?? 1);
        int queues = 1;
        if (s.Optional("queues") is { } queuesNode)
        {
            if (!first) throw queuesNode.Fail("receive queues belong to the path's first stage, where the NIC steers frames; move 'queues' there");
            queues = (int)queuesNode.AsInt64(1, 64);
            if (queues > 1 && thread is not null && NetHostStageModel.DeviceThreads.Contains(thread))
                throw queuesNode.Fail($"each receive queue has its own softirq thread, so the first stage cannot run on the device's '{thread}' thread");
        }
        int[]? steering = null;
        if (s.OptionalSequence("steering") is { } steeringNode)
        {
            if (queues < 2) throw steeringNode.Self.Fail("steering picks among receive queues; give the stage 'queues: 2' or more");
            steering = steeringNode.Items.Select(q => (int)q.AsInt64(0, queues - 1)).ToArray();
        }
        InterruptModeration? moderation = null;
        if (s.Optional("moderation") is { } moderationNode)
        {
            if (!first) throw moderationNode.Fail($"interrupt moderation is the NIC's receive queue's, the path's first stage; a '{kind.Name}' stage after it has none, so move 'moderation' there");
            moderation = ReadModeration(moderationNode);
        }
        s.Done();
        return new NetHostStageModel(kind, mode, thread, limit, batch, queues, steering, moderation);
    }

    private static InterruptModeration ReadModeration(NodeReader node)
    {
        const string Expected = "off, adaptive, or an interval of whole microseconds from 4us to 8191us (rx-usecs, in the EITR register's range) such as 50us";
        if (!node.IsScalar) throw node.Unexpected(Expected);
        string text = node.AsString();
        if (text is "off" or "adaptive") return text == "off" ? InterruptModeration.Off : InterruptModeration.Adaptive;
        if (text.Length == 0 || !char.IsAsciiDigit(text[0])) throw node.Unexpected(Expected);
        var interval = node.AsTime();
        if (interval < SimTime.Zero || interval > SimTime.FromMicroseconds(8191))
            throw node.Unexpected(Expected);
        long micros = interval.Picoseconds / SimTime.PicosPerMicrosecond;
        if (interval.Picoseconds % SimTime.PicosPerMicrosecond != 0)
            throw node.Unexpected("a whole number of microseconds, as ethtool's rx-usecs is");
        if (micros is >= 1 and <= 3)
            throw node.Fail($"igc reads rx-usecs 1 to 3 as its dynamic modes, not as {micros}us; say 'adaptive' (rx-usecs 3), 'off', or give 4us or more");
        return InterruptModeration.Fixed(interval);
    }

    private static HostStageKind KindOf(NodeReader node) =>
        HostStageKind.Named(SharingReader.OneOf(node, HostStageKind.Names.ToArray(), "a host stage kind"))!;

    private static string ThreadName(NodeReader node)
    {
        string name = node.AsString();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            throw node.Unexpected("a thread name of letters, digits, '_', '.' or '-'");
        return name;
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
