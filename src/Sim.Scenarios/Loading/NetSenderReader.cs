using Sim.Core.Time;
using Sim.Platform.Network.TrafficControl;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a host path's <c>sender</c> (<see cref="NetSenderModel"/>): host1's qdisc tree as tc(8) sets it up, its NIC's
/// transmit side and the senders' socket options:
/// <code>
/// sender:
///   qdisc:                                   # the root qdisc, by kind:
///     kind: mqprio                           #   pfifo_fast { limit } | pfifo { limit } | etf { delta, offload, deadlineMode }
///     numTc: 2                               #   | mqprio { numTc, map, queues, children } | taprio { numTc, map, queues,
///     map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]   # baseTime, entries, cycleTime, offload, children }
///     queues: [1@0, 3@1]                     # count@offset per traffic class
///     children: [{ queue: 0, qdisc: { kind: etf, delta: 200us, offload: true } }]
///   # taprio: entries: [{ open: [0], interval: 100us }, { open: [1], interval: 900us }], offload: full | software
///   nic: { txQueues: 4, ringFrames: 16, arbitration: lowest-first }   # the i225: 4 queues, queue 0 first
///   sample: { priority: 3, txtime: 200us }  # SO_PRIORITY and SO_TXTIME (launch time after the send) of the samples
///   background: { priority: 0 }              # SO_PRIORITY of the netperf flows
/// </code>
/// </summary>
internal static class NetSenderReader
{
    private static readonly string[] Arbitrations = ["lowest-first", "highest-first"];
    private static readonly string[] TaprioModes = ["software", "full"];

    /// <summary>The keys of a sender.</summary>
    public static MappingShape Shape => new("a sender",
    [
        KeyShape.Must("qdisc", QdiscShape, "The root qdisc (tc qdisc add dev ... root)."),
        KeyShape.May("nic", NicShape, "The NIC's transmit queues."),
        KeyShape.May("sample", SampleShape, "The sample application's socket options."),
        KeyShape.May("background", BackgroundShape, "The background flows' socket options."),
    ]);

    private static MappingShape NicShape => new("the NIC's transmit side",
    [
        KeyShape.May("txQueues", new IntegerShape(1, 64), "Transmit queues (default 4, the i225's)."),
        KeyShape.May("ringFrames", new IntegerShape(1, 4096), "Frames a transmit ring holds before the driver stops the queue (default 16)."),
        KeyShape.May("arbitration", new EnumShape(Arbitrations), "Which queue goes first: lowest-first (the i225's default) or highest-first."),
    ]);

    private static MappingShape SampleShape => new("the samples' socket",
    [
        KeyShape.May("priority", new IntegerShape(0, 15), "SO_PRIORITY (default 0)."),
        KeyShape.May("txtime", new QuantityShape(QuantityPattern.Time), "SO_TXTIME: the launch time after the send (default none)."),
    ]);

    private static MappingShape BackgroundShape => new("the flows' sockets", [KeyShape.May("priority", new IntegerShape(0, 15), "SO_PRIORITY (default 0).")]);

    private static MappingShape EntryShape => new("a gate entry",
    [
        KeyShape.Must("open", new ListShape(new IntegerShape(0, 15)), "The traffic classes whose gates are open."),
        KeyShape.Must("interval", new QuantityShape(QuantityPattern.Time), "How long the entry lasts."),
    ]);

    private static MappingShape ChildShape => new("a child qdisc",
    [
        KeyShape.Must("queue", new IntegerShape(0, 63), "The transmit queue."),
        KeyShape.Must("qdisc", QdiscShape, "Its qdisc (pfifo_fast, pfifo or etf)."),
    ]);

    private static readonly (string Kind, Func<MappingShape> Shape)[] QdiscKinds =
    [
        ("pfifo_fast", () => new MappingShape("pfifo_fast", [Kind, Limit])),
        ("pfifo", () => new MappingShape("pfifo", [Kind, Limit])),
        ("etf", () => new MappingShape("etf",
        [
            Kind,
            KeyShape.Must("delta", new QuantityShape(QuantityPattern.Time), "How long before its launch time a frame is dequeued."),
            KeyShape.May("offload", new BooleanShape(), "The NIC holds each frame until its launch time (default false)."),
            KeyShape.May("deadlineMode", new BooleanShape(), "Launch times are deadlines (default false)."),
        ])),
        ("mqprio", () => new MappingShape("mqprio", [Kind, .. Classes, KeyShape.May("hw", new BooleanShape(), "Offload the layout to the NIC (default true).")])),
        ("taprio", () => new MappingShape("taprio",
        [
            Kind, .. Classes,
            KeyShape.May("baseTime", new QuantityShape(QuantityPattern.Time), "When the schedule starts (default 0s)."),
            KeyShape.Must("entries", new ListShape(EntryShape, MinItems: 1), "The gate control list (sched-entry S)."),
            KeyShape.May("cycleTime", new QuantityShape(QuantityPattern.Time), "The cycle (default: the entries' sum)."),
            KeyShape.May("offload", new EnumShape(TaprioModes), "software (default, flags 0x0) or full (flags 0x2: the NIC enforces the gates)."),
        ])),
    ];

    private static NamedShape QdiscShape => new("qdisc", () => new TaggedShape("kind", QdiscKinds.Select(k => (k.Kind, k.Shape())).ToArray()));

    private static KeyShape Kind => KeyShape.Must("kind", new EnumShape(QdiscKinds.Select(k => k.Kind).ToArray()), "The qdisc.");

    private static KeyShape Limit => KeyShape.May("limit", new IntegerShape(1, 1 << 20), "Frames it holds (default 1000, txqueuelen).");

    private static KeyShape[] Classes =>
    [
        KeyShape.Must("numTc", new IntegerShape(1, 16), "Traffic classes."),
        KeyShape.Must("map", new ListShape(new IntegerShape(0, 15), MinItems: 16, MaxItems: 16), "Priority 0..15 to traffic class."),
        KeyShape.Must("queues", new ListShape(new TextShape("^[0-9]+@[0-9]+$"), MinItems: 1), "count@offset of each traffic class's transmit queues."),
        KeyShape.May("children", new ListShape(ChildShape), "Qdiscs of single transmit queues."),
    ];

    /// <summary>Reads <paramref name="s"/>; <paramref name="taprioSoftwareLatency"/> is taprio's software dequeue latency
    /// from the profile, <paramref name="bytesPerSecond"/> the link rate the tree is checked against.</summary>
    public static NetSenderModel Read(MappingReader s, SimTime taprioSoftwareLatency, long bytesPerSecond)
    {
        s.Declare(Shape);
        NodeReader qdiscNode = s.Required("qdisc");
        var qdisc = ReadQdisc(qdiscNode.AsMapping(), taprioSoftwareLatency);
        int queues = 4, ring = 16;
        var arbitration = TxArbitration.LowestIndexFirst;
        if (s.OptionalMapping("nic") is { } nic)
        {
            nic.Declare(NicShape);
            queues = (int)(nic.OptionalInt64("txQueues", 1, 64) ?? 4);
            ring = (int)(nic.OptionalInt64("ringFrames", 1, 4096) ?? 16);
            if (nic.Optional("arbitration") is { } a && SharingReader.OneOf(a, Arbitrations, "an arbitration") == "highest-first") arbitration = TxArbitration.HighestIndexFirst;
            nic.Done();
        }
        var sample = SocketOptions.None;
        if (s.OptionalMapping("sample") is { } m)
        {
            m.Declare(SampleShape);
            sample = new SocketOptions((int)(m.OptionalInt64("priority", 0, 15) ?? 0), m.Optional("txtime") is { } t ? t.AsNonNegativeTime() : null);
            m.Done();
        }
        int backgroundPriority = 0;
        if (s.OptionalMapping("background") is { } b)
        {
            b.Declare(BackgroundShape);
            backgroundPriority = (int)(b.OptionalInt64("priority", 0, 15) ?? 0);
            b.Done();
        }
        s.Done();
        try
        {
            QdiscFactory.Build(qdisc, queues, bytesPerSecond);
        }
        catch (ArgumentException e)
        {
            throw qdiscNode.Fail(e.Message.Split(" (Parameter")[0]);
        }
        return new NetSenderModel(qdisc, queues, ring, arbitration, sample, backgroundPriority);
    }

    private static QdiscSpec ReadQdisc(MappingReader q, SimTime taprioSoftwareLatency)
    {
        string kind = SharingReader.OneOf(q.Required("kind"), QdiscKinds.Select(k => k.Kind).ToArray(), "a qdisc kind");
        q.Declare(QdiscKinds.Single(k => k.Kind == kind).Shape());
        QdiscSpec spec = kind switch
        {
            "pfifo_fast" => new PfifoFastSpec((int)(q.OptionalInt64("limit", 1, 1 << 20) ?? 1000)),
            "pfifo" => new PfifoSpec((int)(q.OptionalInt64("limit", 1, 1 << 20) ?? 1000)),
            "etf" => new EtfSpec(q.Required("delta").AsNonNegativeTime(), q.Optional("offload")?.AsBoolean() ?? false, q.Optional("deadlineMode")?.AsBoolean() ?? false),
            "mqprio" => new MqprioSpec(NumTc(q), Map(q), Queues(q), q.Optional("hw")?.AsBoolean() ?? true, Children(q, taprioSoftwareLatency)),
            _ => ReadTaprio(q, taprioSoftwareLatency),
        };
        q.Done();
        return spec;
    }

    private static TaprioSpec ReadTaprio(MappingReader q, SimTime softwareLatency)
    {
        var entries = new List<GateEntry>();
        foreach (var e in q.Sequence("entries").Mappings())
        {
            e.Declare(EntryShape);
            uint mask = 0;
            foreach (var tc in e.Sequence("open").Items) mask |= 1u << (int)tc.AsInt64(0, 15);
            SimTime interval = e.Required("interval").AsPositiveTime();
            e.Done();
            entries.Add(new GateEntry(mask, interval));
        }
        bool full = q.Optional("offload") is { } o && SharingReader.OneOf(o, TaprioModes, "a taprio mode") == "full";
        SimTime? cycle = q.Optional("cycleTime") is { } c ? c.AsNonNegativeTime() : null;
        return new TaprioSpec(NumTc(q), Map(q), Queues(q), q.Optional("baseTime") is { } bt ? bt.AsNonNegativeTime() : SimTime.Zero, entries, cycle, full,
            full ? SimTime.Zero : softwareLatency, Children(q, softwareLatency));
    }

    private static int NumTc(MappingReader q) => (int)q.RequiredInt64("numTc", 1, 16);

    private static int[] Map(MappingReader q) => q.Sequence("map").Items.Select(i => (int)i.AsInt64(0, 15)).ToArray();

    private static TxQueueRange[] Queues(MappingReader q) => q.Sequence("queues").Items.Select(i =>
    {
        string[] parts = i.AsString().Split('@');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int count) || !int.TryParse(parts[1], out int offset) || count < 1 || offset < 0)
            throw i.Unexpected("count@offset, such as 1@0");
        return new TxQueueRange(count, offset);
    }).ToArray();

    private static Dictionary<int, QdiscSpec>? Children(MappingReader q, SimTime softwareLatency)
    {
        if (q.OptionalSequence("children") is not { } list) return null;
        var children = new Dictionary<int, QdiscSpec>();
        foreach (var child in list.Mappings())
        {
            child.Declare(ChildShape);
            NodeReader queueNode = child.Required("queue");
            int queue = (int)queueNode.AsInt64(0, 63);
            if (!children.TryAdd(queue, ReadQdisc(child.Mapping("qdisc"), softwareLatency))) throw queueNode.Fail($"transmit queue {queue} has two child qdiscs");
            child.Done();
        }
        return children;
    }

}
