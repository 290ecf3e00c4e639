using Sim.Core.Time;

namespace Sim.Platform.Network.TrafficControl;

/// <summary>
/// What a qdisc tree asks of the device once built: the root, which transmit queues hold frames until their launch
/// time (etf <c>offload</c>: the igc sets <c>IGC_TXQCTL_QUEUE_MODE_LAUNCHT</c> on that ring, igc_tsn.c), and the gate
/// schedule the NIC enforces per queue for a fully offloaded taprio (with the layout that maps a queue to its class).
/// </summary>
/// <param name="Root">The root qdisc.</param>
/// <param name="LaunchTime">Per transmit queue: the NIC holds each frame until its launch time.</param>
/// <param name="HardwareGates">The gates the NIC enforces (taprio full offload), or null.</param>
/// <param name="Layout">The class-to-queue layout of an mqprio or taprio root, or null for a single-queue root.</param>
public sealed record TransmitPlan(IQdisc Root, IReadOnlyList<bool> LaunchTime, GateSchedule? HardwareGates, TrafficClassLayout? Layout);

/// <summary>
/// Builds a live qdisc tree from its <see cref="QdiscSpec"/>, checking it as <c>tc</c> and the kernel would
/// (sch_mqprio.c <c>mqprio_parse_opt</c>, sch_taprio.c <c>parse_taprio_schedule</c>, <c>taprio_parse_mqprio_opt</c>): an
/// <see cref="ArgumentException"/> names the qdisc, the field and what was expected. A leaf (pfifo_fast, pfifo, etf) at
/// the root serves transmit queue 0 only; mqprio and taprio must be the root and take leaves as children.
/// </summary>
public static class QdiscFactory
{
    /// <summary>Builds <paramref name="root"/> for a device of <paramref name="txQueues"/> transmit queues at <paramref name="bytesPerSecond"/>.</summary>
    public static TransmitPlan Build(QdiscSpec root, int txQueues, long bytesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (txQueues is < 1 or > 64) throw new ArgumentException($"a device has 1 to 64 transmit queues, not {txQueues}", nameof(txQueues));
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        var launchTime = new bool[txQueues];
        switch (root)
        {
            case MqprioSpec m:
            {
                var layout = Layout("mqprio", m.NumTc, m.Map, m.Queues, txQueues);
                var children = Children("mqprio", m.Children, txQueues, launchTime, () => new PfifoFastSpec());
                return new TransmitPlan(new Mqprio(layout, children), launchTime, null, layout);
            }
            case TaprioSpec t:
            {
                var layout = Layout("taprio", t.NumTc, t.Map, t.Queues, txQueues);
                var schedule = Schedule(t);
                var children = Children("taprio", t.Children, txQueues, launchTime, () => new PfifoSpec());
                if (t.FullOffload) return new TransmitPlan(new Mqprio(layout, children, schedule, bytesPerSecond), launchTime, schedule, layout);
                return new TransmitPlan(new Taprio(layout, schedule, children, bytesPerSecond, t.SoftwareDequeueLatency), launchTime, null, layout);
            }
            default:
                return new TransmitPlan(Leaf("root", root, 0, launchTime), launchTime, null, null);
        }
    }

    private static IQdisc Leaf(string where, QdiscSpec spec, int txQueue, bool[] launchTime)
    {
        switch (spec)
        {
            case PfifoFastSpec p:
                Positive(where, "pfifo_fast limit", p.Limit);
                return new PfifoFast(p.Limit);
            case PfifoSpec p:
                Positive(where, "pfifo limit", p.Limit);
                return new Pfifo(p.Limit);
            case EtfSpec e:
                Positive(where, "etf limit", e.Limit);
                if (e.Delta < SimTime.Zero) throw new ArgumentException($"{where}: etf delta is {e.Delta}; it may not be negative");
                launchTime[txQueue] = e.Offload;
                return new Etf(e.Delta, e.DeadlineMode, e.Limit);
            case null:
                throw new ArgumentException($"{where}: a qdisc is missing");
            default:
                throw new ArgumentException($"{where}: {Name(spec)} must be the root qdisc; a transmit queue takes pfifo_fast, pfifo or etf");
        }
    }

    private static IQdisc[] Children(string parent, IReadOnlyDictionary<int, QdiscSpec>? specs, int txQueues, bool[] launchTime, Func<QdiscSpec> byDefault)
    {
        foreach (var queue in specs?.Keys ?? [])
            if (queue < 0 || queue >= txQueues)
                throw new ArgumentException($"{parent}: a child qdisc is given for transmit queue {queue}; the device has queues 0..{txQueues - 1}");
        var children = new IQdisc[txQueues];
        for (int q = 0; q < txQueues; q++)
            children[q] = Leaf($"{parent} child of queue {q}", specs is not null && specs.TryGetValue(q, out var spec) ? spec : byDefault(), q, launchTime);
        return children;
    }

    private static TrafficClassLayout Layout(string qdisc, int numTc, IReadOnlyList<int> map, IReadOnlyList<TxQueueRange> queues, int txQueues)
    {
        if (numTc is < 1 or > TrafficClassLayout.MaxClasses)
            throw new ArgumentException($"{qdisc}: num_tc is {numTc}; expected 1..{TrafficClassLayout.MaxClasses}");
        if (map is null || map.Count != TrafficClassLayout.Priorities)
            throw new ArgumentException($"{qdisc}: map has {map?.Count ?? 0} entries; expected one per priority 0..15 ({TrafficClassLayout.Priorities})");
        for (int p = 0; p < map.Count; p++)
            if (map[p] < 0 || map[p] >= numTc)
                throw new ArgumentException($"{qdisc}: map entry for priority {p} is traffic class {map[p]}, beyond num_tc {numTc} (classes 0..{numTc - 1})");
        if (queues is null || queues.Count != numTc)
            throw new ArgumentException($"{qdisc}: queues has {queues?.Count ?? 0} count@offset entries; expected one per traffic class ({numTc})");
        for (int tc = 0; tc < numTc; tc++)
        {
            var r = queues[tc];
            if (r.Count < 1 || r.Offset < 0 || r.Offset + r.Count > txQueues)
                throw new ArgumentException($"{qdisc}: queues {r.Count}@{r.Offset} of traffic class {tc} is not within the device's queues 0..{txQueues - 1}");
            for (int other = 0; other < tc; other++)
            {
                var o = queues[other];
                if (r.Offset < o.Offset + o.Count && o.Offset < r.Offset + r.Count)
                    throw new ArgumentException($"{qdisc}: queues {r.Count}@{r.Offset} of traffic class {tc} overlap {o.Count}@{o.Offset} of traffic class {other}");
            }
        }
        return new TrafficClassLayout(map, queues, txQueues);
    }

    private static GateSchedule Schedule(TaprioSpec t)
    {
        if (t.Entries is null || t.Entries.Count == 0) throw new ArgumentException("taprio: the schedule has no sched-entry");
        if (t.BaseTime < SimTime.Zero) throw new ArgumentException($"taprio: base-time {t.BaseTime} is negative");
        if (t.SoftwareDequeueLatency < SimTime.Zero) throw new ArgumentException($"taprio: software dequeue latency {t.SoftwareDequeueLatency} is negative");
        var sum = SimTime.Zero;
        for (int i = 0; i < t.Entries.Count; i++)
        {
            var e = t.Entries[i];
            if (e.Interval <= SimTime.Zero) throw new ArgumentException($"taprio: sched-entry {i} has interval {e.Interval}; expected a positive interval");
            if (t.NumTc < 32 && e.GateMask >> t.NumTc != 0)
                throw new ArgumentException($"taprio: sched-entry {i} gate mask 0x{e.GateMask:x} opens a traffic class beyond num_tc {t.NumTc} (mask bits 0..{t.NumTc - 1})");
            sum += e.Interval;
        }
        var cycle = t.CycleTime ?? sum;
        if (cycle < sum) throw new ArgumentException($"taprio: cycle-time {cycle} is shorter than the sched-entries' intervals ({sum})");
        return new GateSchedule(t.BaseTime, t.Entries, cycle, t.NumTc);
    }

    private static void Positive(string where, string field, int value)
    {
        if (value < 1) throw new ArgumentException($"{where}: {field} is {value}; expected at least 1 frame");
    }

    private static string Name(QdiscSpec spec) => spec switch
    {
        MqprioSpec => "mqprio",
        TaprioSpec => "taprio",
        _ => spec.GetType().Name,
    };
}
