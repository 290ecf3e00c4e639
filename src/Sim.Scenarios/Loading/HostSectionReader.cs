using Sim.Core.Processors;
using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the top-level <c>host:</c> section: the host's cores, which the guests' driver and backend threads share with
/// background load under a CFS-like scheduler (<see cref="HostModel"/>, <see cref="FairScheduler"/>).
/// <code>
/// host:
///   cores: 4                      # required, 1-1024
///   isolated: [3]                 # optional: isolcpus, cores only pinned threads use
///   scheduler:                    # optional: Linux's defaults for the core count (6 ms, 0.75 ms, 1 ms times 1 + log2(min(cores, 8)))
///     latency: 18ms               #   sched_latency_ns
///     minGranularity: 2250us      #   sched_min_granularity_ns
///     wakeupGranularity: 3ms      #   sched_wakeup_granularity_ns
///     tick: 4ms                   #   optional: 1/CONFIG_HZ; slice ends noticed at ticks (default: exactly, HRTICK)
///   threads:                      # optional: placement, the first matching rule wins ('*' matches any characters)
///     - { match: "vm1/*/driver", cores: [0], nice: 0 }
///   load:                         # optional: background threads, each busy a fraction of the time in bursts
///     - { name: stress, threads: 2, busy: 0.6, burst: 1ms, cores: [0, 1], nice: 0 }
/// </code>
/// Needs <c>guests</c>, all on KVM (Xen schedules its vCPUs itself), a cost profile with <c>host.contextSwitch</c>, and
/// no <c>interconnect</c> yet. A rule that matches none of the world's threads, a core that does
/// not exist, and a backend on a shared worker thread (<c>thread:</c>, not modelled on host cores yet) are located errors.
/// </summary>
internal static class HostSectionReader
{
    /// <summary>The section's top-level key.</summary>
    public const string Key = "host";

    private const string NamePattern = "^[A-Za-z0-9_-]+$";

    /// <summary>The section's keys.</summary>
    public static MappingShape Shape => new("host",
    [
        KeyShape.Must("cores", new IntegerShape(1, 1024), "Host cores the guests' threads and the load share."),
        KeyShape.May("isolated", new ListShape(new IntegerShape(0, 1023), MinItems: 1, Unique: true), "Cores only pinned threads run on (isolcpus)."),
        KeyShape.May("scheduler", SchedulerShape, "The fair scheduler's tunables (default: Linux's for the core count)."),
        KeyShape.May("threads", new ListShape(ThreadShape), "Where the world's threads run: the first rule whose match fits a thread's name wins."),
        KeyShape.May("load", new ListShape(LoadShape), "Background threads competing for the cores."),
    ]);

    private static MappingShape SchedulerShape => new("scheduler",
    [
        KeyShape.Must("latency", new QuantityShape(QuantityPattern.Time), "sched_latency_ns: the period in which every runnable thread of a core runs once."),
        KeyShape.Must("minGranularity", new QuantityShape(QuantityPattern.Time), "sched_min_granularity_ns: the shortest slice."),
        KeyShape.Must("wakeupGranularity", new QuantityShape(QuantityPattern.Time), "sched_wakeup_granularity_ns: how far behind a waking thread must be to preempt."),
        KeyShape.May("tick", new QuantityShape(QuantityPattern.Time), "The scheduler tick, 1/CONFIG_HZ (e.g. 4ms at HZ=250), at which slice ends are noticed (default: exactly, as with HRTICK)."),
    ]);

    private static MappingShape ThreadShape => new("a thread rule",
    [
        KeyShape.Must("match", new TextShape(), "Thread names it applies to, e.g. vm1/blk0/driver or */backend ('*': any characters)."),
        KeyShape.May("cores", new ListShape(new IntegerShape(0, 1023), MinItems: 1, Unique: true), "The cores they may run on (default: every core not isolated)."),
        KeyShape.May("nice", new IntegerShape(-20, 19), "Their nice level (default 0)."),
    ]);

    private static MappingShape LoadShape => new("a load",
    [
        KeyShape.Must("name", new TextShape(NamePattern), "The load's name: its threads are NAME0, NAME1, ..."),
        KeyShape.May("threads", new IntegerShape(1, 1024), "How many threads (default 1)."),
        KeyShape.Must("busy", new NumberShape(ExclusiveMinimum: 0, Maximum: 1), "The share of time each thread works when it has a core, in (0, 1]."),
        KeyShape.Must("burst", new QuantityShape(QuantityPattern.Time), "CPU work per wake-up (> 0)."),
        KeyShape.May("cores", new ListShape(new IntegerShape(0, 1023), MinItems: 1, Unique: true), "The cores its threads may run on (default: every core not isolated)."),
        KeyShape.May("nice", new IntegerShape(-20, 19), "Their nice level (default 0)."),
    ]);

    /// <summary>Reads the section; <paramref name="transport"/> is the scenario's guests (required with a host).</summary>
    public static HostModel Read(MappingReader host, TransportModel? transport)
    {
        host.Declare(Shape);
        if (transport is null) throw host.Self.Fail("a host section needs a guests section: its cores run the guests' threads");
        if (transport.Guests.FirstOrDefault(g => g.Platform != "kvm") is { } other)
            throw host.Self.Fail($"guest '{other.Name}' runs on {other.Platform}, whose hypervisor schedules its vCPUs itself (Xen: credit2), which is not modelled; a host section needs KVM guests, whose vCPUs are host threads");
        const string SwitchCost = "host.contextSwitch";
        if (!transport.Costs.Has(SwitchCost))
            throw host.Self.Fail($"cost profile '{transport.Costs.Name}' lacks {SwitchCost}, the CPU time of a switch between threads, which a host section needs");
        int cores = (int)host.RequiredInt64("cores", 1, 1024);
        var isolated = ReadCores(host.OptionalSequence("isolated"), cores) ?? [];
        if (isolated.Count == cores) throw host.FailAt("isolated", "every core is isolated; leave at least one for unpinned threads");
        FairSchedulerSettings? scheduler = host.OptionalMapping("scheduler") is { } section ? ReadScheduler(section) : null;
        var names = HostThreadNames.Of(transport);
        var rules = new List<HostThreadRule>();
        foreach (var rule in host.OptionalSequence("threads")?.Mappings() ?? [])
        {
            rule.Declare(ThreadShape);
            NodeReader matchNode = rule.Required("match");
            string match = matchNode.AsString();
            var model = new HostThreadRule(match, ReadCores(rule.OptionalSequence("cores"), cores), (int)(rule.OptionalInt64("nice", -20, 19) ?? 0));
            if (!names.Any(model.Matches))
                throw matchNode.Fail($"'{match}' matches none of the threads on the host; they are {string.Join(", ", names)}");
            rule.Done();
            rules.Add(model);
        }
        var loads = new List<HostLoadModel>();
        foreach (var load in host.OptionalSequence("load")?.Mappings() ?? [])
        {
            load.Declare(LoadShape);
            NodeReader nameNode = load.Required("name");
            string name = nameNode.AsString();
            if (loads.Any(l => l.Name == name)) throw nameNode.Fail($"two loads named '{name}'");
            int threads = (int)(load.OptionalInt64("threads", 1, 1024) ?? 1);
            NodeReader busyNode = load.Required("busy");
            double busy = busyNode.AsDouble();
            if (!(busy > 0 && busy <= 1)) throw busyNode.Unexpected("a fraction of time in (0, 1]");
            SimTime burst = load.Required("burst").AsPositiveTime();
            loads.Add(new HostLoadModel(name, threads, busy, burst, ReadCores(load.OptionalSequence("cores"), cores), (int)(load.OptionalInt64("nice", -20, 19) ?? 0)));
            load.Done();
        }
        host.Done();
        var shared = transport.Guests.SelectMany(g => g.Blk.Where(d => d.Sharing.BackendThread is not null).Select(d => (Guest: g.Name, Device: d))).FirstOrDefault();
        if (shared.Device is { } device)
        {
            throw host.Self.Fail($"device '{shared.Guest}/{device.Name}' runs its backend on a shared worker thread ('{device.Sharing.BackendThread}'), which is not modelled on host cores yet; remove its backendThread or the host section");
        }
        return new HostModel(cores, isolated, scheduler, rules, loads, transport.Costs.Time(SwitchCost));
    }

    private static FairSchedulerSettings ReadScheduler(MappingReader section)
    {
        section.Declare(SchedulerShape);
        SimTime latency = section.Required("latency").AsPositiveTime();
        NodeReader minNode = section.Required("minGranularity");
        SimTime min = minNode.AsPositiveTime();
        if (min > latency) throw minNode.Unexpected($"a time no longer than latency ({latency})");
        SimTime wakeup = section.Required("wakeupGranularity").AsNonNegativeTime();
        NodeReader? tickNode = section.Optional("tick");
        SimTime tick = tickNode is null ? SimTime.Zero : tickNode.AsPositiveTime();
        section.Done();
        return new FairSchedulerSettings(latency, min, wakeup, tick);
    }


    private static IReadOnlyList<int>? ReadCores(SequenceReader? sequence, int cores)
    {
        if (sequence is null) return null;
        if (sequence.Items.Count == 0) throw sequence.Self.Unexpected("a non-empty list of core numbers");
        var list = new List<int>();
        foreach (var item in sequence.Items)
        {
            int core = (int)item.AsInt64(0, cores - 1);
            if (list.Contains(core)) throw item.Fail($"core {core} is listed twice");
            list.Add(core);
        }
        return list;
    }
}
