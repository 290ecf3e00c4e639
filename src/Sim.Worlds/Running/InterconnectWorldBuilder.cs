using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Gpu;
using Sim.Platform.Display;
using Sim.Platform.Scmi;
using Sim.Devices.Common;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Interconnect.Bus;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;

namespace Sim.Worlds.Running;

/// <summary>
/// Turns an <see cref="InterconnectModel"/> into one independent world per variant (issue 5). Under <c>variant/</c>:
/// the bus (<c>bus</c>, a <see cref="BusActor"/>), the SCMI server aggregating through the variant's policy
/// (<c>aggregator</c>, a <see cref="ScmiPlatformActor"/>), and every guest of the transport section with its devices
/// (<c>variant/guest/...</c>, their backends' DMA through the bus, accounted to the guest). For each voting VM:
/// its display (<c>variant/guest/display</c>, a <see cref="ScanoutActor"/> reading each frame over the bus), its voter
/// (<c>variant/guest/voter</c>, a <see cref="DisplayVoterActor"/> as SCMI agent n, the VM's index from 1, named by its
/// guest name for the policy), and its channel to the server (<c>variant/guest/scmi</c>: a virtio-scmi device or a
/// mailbox).
/// </summary>
public static class InterconnectWorldBuilder
{
    /// <summary>What the builder made for one variant: its name and its bus (for time series).</summary>
    /// <param name="Variant">The variant's name.</param>
    /// <param name="Bus">Its bus actor.</param>
    public sealed record World(string Variant, BusActor Bus);

    /// <summary>
    /// Adds every variant's world to <paramref name="simulation"/>; every guest memory created goes to
    /// <paramref name="memories"/> when given. With <paramref name="partitionVariants"/> and more than one variant, each
    /// variant is a partition named after it (variants share no actor: see <see cref="Simulation.Partition"/>).
    /// </summary>
    public static IReadOnlyList<World> Build(Simulation simulation, InterconnectModel model, TransportModel transport, AccessLog accessLog,
        ICollection<GuestMemory>? memories = null, bool partitionVariants = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(transport);
        var costs = new PlatformCosts(transport.Costs);
        var worlds = new List<World>();
        foreach (var variant in model.Variants)
        {
            using var scope = partitionVariants && model.Variants.Count > 1 ? simulation.Partition(variant.Name) : null;
            worlds.Add(BuildVariant(simulation, model, variant, transport, costs, accessLog, memories));
        }
        return worlds;
    }

    private static World BuildVariant(Simulation simulation, InterconnectModel model, InterconnectVariantModel variant,
        TransportModel transport, PlatformCosts costs, AccessLog accessLog, ICollection<GuestMemory>? memories)
    {
        string root = variant.Name;
        var bus = simulation.Add($"{root}/bus", new BusActor(model.Levels, model.InitialLevel, model.SeriesPoints, model.SeriesBin));
        var agents = model.Vms.Select((vm, i) => (Agent: i + 1, Vm: vm)).ToList();
        var names = agents.ToDictionary(a => a.Agent, a => a.Vm.Guest);
        var policy = PolicyFactory.Create(variant.Policy, model.Levels, model.InitialLevel);
        var aggregator = model.Aggregator;
        var server = simulation.Add($"{root}/aggregator", new ScmiPlatformActor(policy, bus.Ref, aggregator.Processing, aggregator.ChannelLatency,
            aggregator.ControlLatency, model.InitialLevel, agent => names.TryGetValue(agent, out var name) ? name : $"agent{agent}"));

        var guests = new Dictionary<string, (GuestModel Model, GuestMemory Memory, ulong End)>(StringComparer.Ordinal);
        foreach (var guest in transport.Guests)
        {
            var renamed = guest with { Name = $"{root}/{guest.Name}" };
            var (memory, end) = TransportWorldBuilder.BuildGuest(simulation, renamed, costs, accessLog, new BusPort(bus.Ref, guest.Name), memories);
            guests[guest.Name] = (guest, memory, end);
        }

        uint topValue = BusPerfDomain.ToPerformanceValue(model.Levels[model.Levels.Top].BytesPerSecond);
        foreach (var (agent, vm) in agents)
        {
            if (vm.Display is not { } display) continue;
            string path = $"{root}/{vm.Guest}";
            var mode = new GpuDisplayMode(display.Width, display.Height, GpuFormat.X8R8G8B8Unorm, display.RefreshMillihertz);
            simulation.Add($"{path}/display", new ScanoutActor(mode, bus.Ref, vm.Guest, display.Phase, display.Chunks));
            ActorRef channel = BuildChannel(simulation, path, vm, agent, guests[vm.Guest], server.Ref, aggregator, costs, accessLog);
            var voter = variant.Voters.TryGetValue(vm.Guest, out var overridden) ? overridden : vm.Voter;
            simulation.Add($"{path}/voter", new DisplayVoterActor(agent, DisplayBandwidthNeed.For(mode, display.PeakFraction), channel,
                Behaviour(voter, topValue), voter.StartDelay));
        }
        return new World(root, bus);
    }

    /// <summary>
    /// The VM's SCMI channel: its virtio-scmi device (driver on the guest, backend forwarding to the server after the
    /// forward latency; on the guest's platform with its default sharing, placed after the guest's other devices), or
    /// a shared-memory mailbox.
    /// </summary>
    private static ActorRef BuildChannel(Simulation simulation, string path, InterconnectVmModel vm, int agent,
        (GuestModel Model, GuestMemory Memory, ulong End) guest, ActorRef server, AggregatorModel aggregator, PlatformCosts costs, AccessLog accessLog)
    {
        if (vm.Channel == "direct") return simulation.Add($"{path}/scmi", new ScmiMailboxActor(server, aggregator.ForwardLatency)).Ref;
        string platform = guest.Model.Platform;
        return ScmiChannelBuilder.Build(simulation, $"{path}/scmi", platform, SharingModel.DefaultFor(platform), guest.Memory, guest.End,
            costs, accessLog, agent, server, aggregator.ForwardLatency, out _);
    }

    /// <summary>The live behaviour of <paramref name="voter"/>; a greedy voter asks for the top level's value (<paramref name="topValue"/> kB/s).</summary>
    internal static DisplayVoteBehaviour Behaviour(VoterModel voter, uint topValue) => voter.Behaviour switch
    {
        "honest" => new HonestVoteBehaviour(voter.Period),
        "greedy" => new GreedyVoteBehaviour(topValue, voter.Period),
        "flooding" => new FloodingVoteBehaviour(voter.Interval, new SimTime(voter.Interval.Picoseconds / 2)),
        "under-reporting" => new UnderReportingVoteBehaviour(voter.Fraction, voter.Period),
        _ => throw new ArgumentException($"unknown voter behaviour '{voter.Behaviour}'", nameof(voter)),
    };
}
