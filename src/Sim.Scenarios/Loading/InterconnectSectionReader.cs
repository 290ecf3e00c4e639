using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Interconnect.Bus;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the <c>interconnect</c> section (issue 5): the bus, the aggregator, the voting VMs (guests of the transport
/// section, each read by <see cref="InterconnectVmReader"/>) and the variants to compare.
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

    /// <summary>The section's keys.</summary>
    public static MappingShape Shape => new(Key,
    [
        KeyShape.Must("bus", BusShape, "The bus and its operating points."),
        KeyShape.May("aggregator", AggregatorShape, "Where votes are aggregated; latencies default to the cost profile's scmi.* and bus.* entries."),
        KeyShape.Must("vms", new ListShape(InterconnectVmReader.Shape, MinItems: 1), "The voting VMs, each a guest of the guests section."),
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

    private static MappingShape VariantShape => new("a variant",
    [
        KeyShape.Must("name", new TextShape("^[A-Za-z0-9_-]+$"), "The variant's name: letters, digits, '-' and '_' (it names actor paths and files)."),
        KeyShape.Must("policy", PolicyReader.Shape, "The aggregation policy."),
        KeyShape.May("voters", new MapShape(InterconnectVmReader.VoterShape), "Voter behaviours of this variant, by VM name."),
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
            var model = InterconnectVmReader.Read(vm, guests);
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
                SimTime time = node.AsNonNegativeTime();
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
                voters[vm] = InterconnectVmReader.ReadVoter(value);
            }
        }
        map.Done();
        return new InterconnectVariantModel(name, model, voters);
    }

}
