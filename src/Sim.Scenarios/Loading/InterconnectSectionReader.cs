using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Interconnect.Bus;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the <c>interconnect</c> section (issue 5): the bus, the aggregator, the voting VMs (guests of the transport
/// section) and the variants to compare.
/// <code>
/// interconnect:
///   bus:
///     levels:                          # the OPP table, lowest first (bandwidth strictly rising, power not falling)
///       - { bandwidth: 1GB/s, power: 150mW, transition: 50us }
///     initialLevel: 0                  # optional, default 0
///   aggregator:                        # optional; latencies default to the cost profile's scmi.* and bus.* entries
///     location: power-controller       # host | driver-vm | power-controller
///     processing: 10us                 # server time per message
///     forwardLatency: 20us             # VM channel backend -> server
///     channelLatency: 20us             # server -> VM channel
///     controlLatency: 10us             # decision -> bus power controller
///   vms:
///     - guest: vm1                     # a guest of the guests section
///       display: { width: 1920, height: 1080, refresh: 60Hz, phase: 0ms, chunks: 4, peakFraction: 0.8 }
///       voter: honest                  # honest | greedy | flooding | under-reporting, or a mapping:
///                                      # { behaviour: under-reporting, fraction: 0.5, start: 1ms, period: 100ms, interval: 200us }
///       channel: virtio-scmi           # virtio-scmi (default) | direct
///   variants:                          # one independent world per entry, compared side by side
///     - icc                            # a policy name is its own variant name
///     - { name: caps-greedy, policy: { caps: { vm4: 600MB/s }, of: max-of-levels }, voters: { vm4: greedy } }
///   series: 100000                     # optional: bus time-series points kept per variant for CSV (0: none)
///   seriesBin: 1ms                     # optional: each VM's bus rate is averaged over bins of this width (default 1ms)
/// </code>
/// </summary>
internal static class InterconnectSectionReader
{
    /// <summary>The section's key.</summary>
    public const string Key = "interconnect";

    /// <summary>Where the aggregator may run.</summary>
    public static readonly string[] Locations = ["host", "driver-vm", "power-controller"];

    /// <summary>How a VM's votes may reach the aggregator.</summary>
    public static readonly string[] Channels = ["virtio-scmi", "direct"];

    /// <summary>The voter behaviours.</summary>
    public static readonly string[] Behaviours = ["honest", "greedy", "flooding", "under-reporting"];

    /// <summary>The section's keys.</summary>
    public static MappingShape Shape => new(Key,
    [
        KeyShape.Must("bus", BusShape, "The bus and its operating points."),
        KeyShape.May("aggregator", AggregatorShape, "Where votes are aggregated; latencies default to the cost profile's scmi.* and bus.* entries."),
        KeyShape.Must("vms", new ListShape(VmShape, MinItems: 1), "The voting VMs, each a guest of the guests section."),
        KeyShape.Must("variants", new ListShape(new EitherShape(new EnumShape(PolicyReader.Bases), VariantShape), MinItems: 1),
            "One independent world per entry, compared side by side: a policy name, or { name, policy, voters }."),
        KeyShape.May("series", new IntegerShape(0, 10_000_000), "Bus time-series points kept per variant for CSV (default 100000; 0: none)."),
        KeyShape.May("seriesBin", new QuantityShape(QuantityPattern.Time), "Each VM's bus rate is averaged over bins of this width (default 1ms)."),
    ]);

    private static MappingShape BusShape => new("bus",
    [
        KeyShape.Must("levels", new ListShape(LevelShape, MinItems: 1), "The OPP table, lowest first (bandwidth strictly rising, power not falling)."),
        KeyShape.May("initialLevel", new IntegerShape(0), "The level at the start (default 0)."),
    ]);

    private static MappingShape LevelShape => new("a bus level",
    [
        KeyShape.Must("bandwidth", new QuantityShape(QuantityPattern.Bandwidth), "The level's bandwidth, e.g. 1GB/s."),
        KeyShape.Must("power", new QuantityShape(QuantityPattern.Power), "The level's power, e.g. 150mW."),
        KeyShape.Must("transition", new QuantityShape(QuantityPattern.Time), "The latency of switching to this level (>= 0)."),
    ]);

    private static MappingShape AggregatorShape => new("aggregator",
    [
        KeyShape.May("location", new EnumShape(Locations), "Where the aggregator runs (default power-controller)."),
        KeyShape.May("processing", new QuantityShape(QuantityPattern.Time), "Server time per message."),
        KeyShape.May("forwardLatency", new QuantityShape(QuantityPattern.Time), "VM channel backend to server."),
        KeyShape.May("channelLatency", new QuantityShape(QuantityPattern.Time), "Server to VM channel."),
        KeyShape.May("controlLatency", new QuantityShape(QuantityPattern.Time), "Decision to bus power controller."),
    ]);

    private static MappingShape VmShape => new("a VM",
    [
        KeyShape.Must("guest", new TextShape(), "A guest of the guests section."),
        KeyShape.May("display", DisplayShape, "The VM's display: its scanout reads the bus every frame."),
        KeyShape.May("voter", VoterShape, "How the VM votes: honest (default), greedy, flooding, under-reporting, or a mapping with behaviour."),
        KeyShape.May("channel", new EnumShape(Channels), "How votes reach the aggregator (default virtio-scmi)."),
    ]);

    private static MappingShape DisplayShape => new("display",
    [
        KeyShape.Must("width", new IntegerShape(1, 16384), "Pixels per line."),
        KeyShape.Must("height", new IntegerShape(1, 16384), "Lines per frame."),
        KeyShape.Must("refresh", new QuantityShape(QuantityPattern.Refresh), "Frames per second, e.g. 60Hz or 59.94Hz."),
        KeyShape.May("phase", new QuantityShape(QuantityPattern.Time), "The first frame's offset (default 0ms)."),
        KeyShape.May("chunks", new IntegerShape(1, 4096), "Reads per frame (default 1)."),
        KeyShape.May("peakFraction", new NumberShape(ExclusiveMinimum: 0, Maximum: 1), "The share of the frame period the reads take, in (0, 1] (default 1)."),
    ]);

    /// <summary>A voter: a behaviour name, or a mapping with <c>behaviour</c> and its parameters.</summary>
    internal static ValueShape VoterShape => new EitherShape(new EnumShape(Behaviours), VoterMappingShape);

    private static MappingShape VoterMappingShape => new("a voter",
    [
        KeyShape.Must("behaviour", new EnumShape(Behaviours), "The voter's behaviour."),
        KeyShape.May("start", new QuantityShape(QuantityPattern.Time), "When the behaviour starts (>= 0; default 1ms)."),
        KeyShape.May("period", new QuantityShape(QuantityPattern.Time), "The behaviour's period (> 0)."),
        KeyShape.May("interval", new QuantityShape(QuantityPattern.Time), "The time between its votes (> 0; default 200us)."),
        KeyShape.May("fraction", new NumberShape(0, ExclusiveMaximum: 1), "under-reporting: the share of its real need it asks for, in [0, 1) (default 0.5)."),
    ]);

    private static MappingShape VariantShape => new("a variant",
    [
        KeyShape.Must("name", new TextShape("^[A-Za-z0-9_-]+$"), "The variant's name: letters, digits, '-' and '_' (it names actor paths and files)."),
        KeyShape.Must("policy", PolicyReader.Shape, "The aggregation policy."),
        KeyShape.May("voters", new MapShape(VoterShape), "Voter behaviours of this variant, by VM name."),
    ]);

    /// <summary>The profile entry for the server's processing time per message.</summary>
    public const string ProcessingCost = "scmi.server.processing";

    /// <summary>The profile entry for the time from a decision to the bus controller acting on it.</summary>
    public const string ControlCost = "bus.controlLatency";

    /// <summary>The profile entry for one hop between a VM's channel and a server at <paramref name="location"/>.</summary>
    public static string LinkCost(string location) => location switch
    {
        "host" => "scmi.link.host",
        "driver-vm" => "scmi.link.driverVm",
        _ => "scmi.link.powerController",
    };

    /// <summary>Reads the section; <paramref name="transport"/> holds the guests and the cost profile (null when the scenario has none).</summary>
    public static InterconnectModel Read(MappingReader section, TransportModel? transport)
    {
        section.Declare(Shape);
        if (transport is null) throw section.Self.Fail("an interconnect needs its VMs as guests: add a guests section");
        OppTable levels = ReadBus(section.Mapping("bus"), out int initialLevel);
        AggregatorModel aggregator = ReadAggregator(section.OptionalMapping("aggregator"), transport.Costs, section);
        var guests = transport.Guests.ToDictionary(g => g.Name, StringComparer.Ordinal);
        var vms = new List<InterconnectVmModel>();
        var vmNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (MappingReader vm in section.Sequence("vms").Mappings())
        {
            var model = ReadVm(vm, guests);
            if (!vmNames.Add(model.Guest)) throw vm.FailAt("guest", $"guest '{model.Guest}' is already a VM of the interconnect");
            vms.Add(model);
        }
        if (vms.Count == 0) throw section.FailAt("vms", "expected at least one VM");
        var variants = new List<InterconnectVariantModel>();
        var variantNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeReader item in section.Sequence("variants").Items)
        {
            var variant = ReadVariant(item, vmNames, levels.Count);
            if (!variantNames.Add(variant.Name)) throw item.Fail($"duplicate variant name '{variant.Name}'");
            if (guests.ContainsKey(variant.Name)) throw item.Fail($"variant '{variant.Name}' has the name of a guest; variants name the top of their world's actor paths");
            variants.Add(variant);
        }
        if (variants.Count == 0) throw section.FailAt("variants", "expected at least one variant (a policy to run)");
        int series = (int)(section.OptionalInt64("series", 0, 10_000_000) ?? 100_000);
        SimTime bin = SimTime.FromMilliseconds(1);
        if (section.Optional("seriesBin") is { } binNode)
        {
            bin = binNode.AsTime();
            if (bin <= SimTime.Zero) throw binNode.Unexpected("a bin width > 0");
        }
        section.Done();
        return new InterconnectModel(levels, initialLevel, aggregator, vms, variants, series, bin);
    }

    private static OppTable ReadBus(MappingReader bus, out int initialLevel)
    {
        bus.Declare(BusShape);
        var points = new List<OperatingPoint>();
        SequenceReader levelNodes = bus.Sequence("levels");
        foreach (MappingReader level in levelNodes.Mappings())
        {
            level.Declare(LevelShape);
            NodeReader bandwidthNode = level.Required("bandwidth");
            double bandwidth = UnitReader.Bandwidth(bandwidthNode);
            double power = UnitReader.Power(level.Required("power"));
            NodeReader transitionNode = level.Required("transition");
            SimTime transition = transitionNode.AsTime();
            if (transition < SimTime.Zero) throw transitionNode.Unexpected("a transition latency >= 0");
            level.Done();
            if (points.Count > 0 && bandwidth <= points[^1].BytesPerSecond)
                throw bandwidthNode.Fail($"{level.Where}: levels go lowest first; expected a bandwidth above the previous level's");
            if (points.Count > 0 && power < points[^1].Watts)
                throw level.FailAt("power", $"{level.Where}: a faster level cannot draw less power than a slower one");
            points.Add(new OperatingPoint(bandwidth, power, transition));
        }
        if (points.Count == 0) throw levelNodes.Self.Unexpected("at least one level");
        initialLevel = (int)(bus.OptionalInt64("initialLevel", 0, points.Count - 1) ?? 0);
        bus.Done();
        return new OppTable(points);
    }

    private static AggregatorModel ReadAggregator(MappingReader? map, CostProfile costs, MappingReader section)
    {
        map?.Declare(AggregatorShape);
        string location = "power-controller";
        NodeReader? locationNode = map?.Optional("location");
        if (locationNode is not null)
        {
            location = locationNode.AsString();
            if (!Locations.Contains(location)) throw locationNode.Fail($"unknown aggregator location '{location}'; {NearestName.Hint(location, Locations)}");
        }
        SimTime Cost(string key, string entry)
        {
            NodeReader? node = map?.Optional(key);
            if (node is not null)
            {
                SimTime time = node.AsTime();
                if (time < SimTime.Zero) throw node.Unexpected("a time >= 0");
                return time;
            }
            if (!costs.Has(entry))
                throw (map?.Self ?? section.Self).Fail($"cost profile '{costs.Name}' lacks {entry}; give aggregator.{key} or use a profile that has it");
            return costs.Time(entry);
        }
        var model = new AggregatorModel(location, Cost("processing", ProcessingCost), Cost("forwardLatency", LinkCost(location)),
            Cost("channelLatency", LinkCost(location)), Cost("controlLatency", ControlCost));
        map?.Done();
        return model;
    }

    private static InterconnectVmModel ReadVm(MappingReader vm, IReadOnlyDictionary<string, GuestModel> guests)
    {
        vm.Declare(VmShape);
        NodeReader guestNode = vm.Required("guest");
        string guest = guestNode.AsString();
        if (!guests.ContainsKey(guest)) throw guestNode.Fail($"no guest named '{guest}' in the guests section; {NearestName.Hint(guest, guests.Keys.ToList())}");
        MappingReader? display = vm.OptionalMapping("display");
        DisplayModel? displayModel = display is null ? null : ReadDisplay(display);
        VoterModel voter = ReadVoter(vm.Optional("voter"));
        string channel = "virtio-scmi";
        if (vm.Optional("channel") is { } channelNode)
        {
            channel = channelNode.AsString();
            if (!Channels.Contains(channel)) throw channelNode.Fail($"unknown channel '{channel}'; {NearestName.Hint(channel, Channels)}");
        }
        vm.Done();
        if (displayModel is not null && channel == "virtio-scmi")
        {
            var model = guests[guest];
            ulong needed = Running.ScmiChannelBuilder.End(SharingReader.DefaultFor(model.Platform), Running.TransportWorldBuilder.MemoryNeeded(model));
            if (needed > model.MemoryBytes)
                throw guestNode.Fail($"guest '{guest}' has {model.MemoryBytes} bytes of memory; with its virtio-scmi channel after its devices it needs {needed}; give it more memory or use channel: direct");
        }
        return new InterconnectVmModel(guest, displayModel, voter, channel);
    }

    private static DisplayModel ReadDisplay(MappingReader display)
    {
        display.Declare(DisplayShape);
        uint width = (uint)display.RequiredInt64("width", 1, 16384);
        uint height = (uint)display.RequiredInt64("height", 1, 16384);
        uint refresh = UnitReader.Millihertz(display.Required("refresh"));
        NodeReader? phaseNode = display.Optional("phase");
        SimTime phase = phaseNode?.AsTime() ?? SimTime.Zero;
        if (phase < SimTime.Zero) throw phaseNode!.Unexpected("a time >= 0");
        int chunks = (int)(display.OptionalInt64("chunks", 1, 4096) ?? 1);
        NodeReader? fractionNode = display.Optional("peakFraction");
        double fraction = fractionNode?.AsDouble() ?? 1.0;
        if (!(fraction > 0 && fraction <= 1)) throw fractionNode!.Unexpected("a fraction of the frame period in (0, 1]");
        display.Done();
        return new DisplayModel(width, height, refresh, phase, chunks, fraction);
    }

    /// <summary>A voter: a behaviour name, or a mapping with <c>behaviour</c> and its parameters; absent means honest.</summary>
    internal static VoterModel ReadVoter(NodeReader? node)
    {
        var honest = new VoterModel("honest", SimTime.FromMilliseconds(1), null, 0.5, SimTime.FromMicroseconds(200));
        if (node is null) return honest;
        if (node.IsScalar) return honest with { Behaviour = Behaviour(node) };
        MappingReader map = node.AsMapping().Declare(VoterMappingShape);
        var voter = honest with { Behaviour = Behaviour(map.Required("behaviour")) };
        if (map.Optional("start") is { } start) voter = voter with { StartDelay = NonNegative(start) };
        if (map.Optional("period") is { } period) voter = voter with { Period = Positive(period) };
        if (map.Optional("interval") is { } interval) voter = voter with { Interval = Positive(interval) };
        if (map.Optional("fraction") is { } fractionNode)
        {
            double fraction = fractionNode.AsDouble();
            if (!(fraction >= 0 && fraction < 1)) throw fractionNode.Unexpected("a fraction in [0, 1) of the real need");
            voter = voter with { Fraction = fraction };
        }
        map.Done();
        return voter;
    }

    private static string Behaviour(NodeReader node)
    {
        string name = node.AsString();
        if (!Behaviours.Contains(name)) throw node.Fail($"unknown voter behaviour '{name}'; {NearestName.Hint(name, Behaviours)}");
        return name;
    }

    private static InterconnectVariantModel ReadVariant(NodeReader item, IReadOnlySet<string> vms, int levels)
    {
        if (item.IsScalar)
        {
            var policy = PolicyReader.Read(item, vms, levels);
            return new InterconnectVariantModel(policy.Kind, policy, new Dictionary<string, VoterModel>());
        }
        MappingReader map = item.AsMapping().Declare(VariantShape);
        NodeReader nameNode = map.Required("name");
        string name = nameNode.AsString();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw nameNode.Unexpected("a variant name of letters, digits, '-' and '_' (it names actor paths and files)");
        var model = PolicyReader.Read(map.Required("policy"), vms, levels);
        var voters = new Dictionary<string, VoterModel>(StringComparer.Ordinal);
        if (map.OptionalMapping("voters") is { } overrides)
        {
            foreach (var (vm, keyNode, value) in overrides.FreeEntries())
            {
                if (!vms.Contains(vm)) throw keyNode.Fail($"'{vm}' is not a VM of the interconnect; {NearestName.Hint(vm, vms.ToList())}");
                voters[vm] = ReadVoter(value);
            }
        }
        map.Done();
        return new InterconnectVariantModel(name, model, voters);
    }

    private static SimTime NonNegative(NodeReader node)
    {
        SimTime time = node.AsTime();
        return time >= SimTime.Zero ? time : throw node.Unexpected("a time >= 0");
    }

    private static SimTime Positive(NodeReader node)
    {
        SimTime time = node.AsTime();
        return time > SimTime.Zero ? time : throw node.Unexpected("a time > 0");
    }
}
