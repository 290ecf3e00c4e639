using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads one voting VM of the <c>interconnect</c> section (<see cref="InterconnectSectionReader"/>): the guest it is,
/// its display, its voter and the channel its votes take; a variant's voter overrides are read here too.
/// <code>
/// - guest: vm1                     # a guest of the guests section
///   display: { width: 1920, height: 1080, refresh: 60Hz, phase: 0ms, chunks: 4, peakFraction: 0.8 }
///   voter: honest                  # honest | greedy | flooding | under-reporting, or a mapping:
///                                  # { behaviour: under-reporting, fraction: 0.5, start: 1ms, period: 100ms, interval: 200us }
///   channel: virtio-scmi           # virtio-scmi (default) | direct
/// </code>
/// </summary>
internal static class InterconnectVmReader
{
    /// <summary>How a VM's votes may reach the aggregator.</summary>
    public static readonly string[] Channels = ["virtio-scmi", "direct"];

    /// <summary>The voter behaviours.</summary>
    public static readonly string[] Behaviours = ["honest", "greedy", "flooding", "under-reporting"];

    /// <summary>The keys of one VM.</summary>
    public static MappingShape Shape => new("a VM",
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

    /// <summary>Reads one VM; <paramref name="guests"/> are the transport section's, by name.</summary>
    public static InterconnectVmModel Read(MappingReader vm, IReadOnlyDictionary<string, GuestModel> guests)
    {
        vm.Declare(Shape);
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
            ulong needed = GuestAddressPlan.ScmiEnd(SharingModel.DefaultFor(model.Platform), GuestAddressPlan.MemoryNeeded(model));
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
        SimTime phase = display.Optional("phase")?.AsNonNegativeTime() ?? SimTime.Zero;
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
        if (map.Optional("start") is { } start) voter = voter with { StartDelay = start.AsNonNegativeTime() };
        if (map.Optional("period") is { } period) voter = voter with { Period = period.AsPositiveTime() };
        if (map.Optional("interval") is { } interval) voter = voter with { Interval = interval.AsPositiveTime() };
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


}
