using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Platform.Display;
using Sim.Platform.Scmi;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Interconnect.Aggregation.Policies;
using Sim.Interconnect.Bus;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Running;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Scenarios.Tests.Scmi;

/// <summary>
/// A VM's SCMI agent reaches the SCMI platform through a real virtio-scmi channel (virtio 1.2, 5.17): its commands travel
/// the cmdq in guest memory, the platform's answers come back on it, notifications on the eventq; the same driver and
/// backend actors on KVM with a full mapping and on Xen with grant maps.
/// </summary>
public sealed class ScmiChannelTests
{
    private static readonly OppTable Table = new(
    [
        new OperatingPoint(1e9, 0.5, SimTime.Parse("10us")),
        new OperatingPoint(2e9, 1.5, SimTime.Parse("50us")),
        new OperatingPoint(4e9, 4.0, SimTime.Parse("100us")),
    ]);

    private sealed record Rig(Simulation Simulation, BusActor Bus, ScmiPlatformActor Platform, ActorRef Driver)
    {
        public long Count(string path) => ((Counter)Simulation.Metrics.Find(path)!).Value;
    }

    /// <summary>A bus, a platform (10 µs per message, 5 µs channel) and agent 1's channel at <c>vm1/scmi</c>.</summary>
    private static Rig Build(string platform)
    {
        var simulation = new Simulation(7);
        var bus = simulation.Add("bus", new BusActor(Table, initialLevel: 0, seriesCapacity: 100));
        var scmi = simulation.Add("platform", new ScmiPlatformActor(new IccAggregation(Table), bus.Ref, SimTime.Parse("10us"), SimTime.Parse("5us"), SimTime.Parse("20us")));
        var sharing = platform == "xen"
            ? new SharingModel("grant-map", "dom0", 1, "ioeventfd", IommuInvalidation.Strict, 0)
            : new SharingModel("full", "vmm", 1, "ioeventfd", IommuInvalidation.Strict, 0);
        var costs = new PlatformCosts(CostProfileLoader.LoadBuiltIn(platform == "xen" ? "xen-x86" : "kvm-x86")!);
        var memory = new GuestMemory("vm1", 64UL << 20);
        var driver = ScmiChannelBuilder.Build(simulation, "vm1/scmi", platform, sharing, memory, 0x10000, costs, new AccessLog(),
            agent: 1, scmi.Ref, SimTime.Parse("2us"), out ulong end);
        Assert.True(end > 0x10000 && end <= memory.Size);
        return new Rig(simulation, bus, scmi, driver);
    }

    private static void Run(Rig rig, double ms = 5) => rig.Simulation.Run(new RunLimits(SimTime.FromMilliseconds(ms), SimTime.Zero));

    [Theory]
    [InlineData("kvm")]
    [InlineData("xen")]
    public void A_voter_behind_the_driver_is_heard_moves_the_bus_and_is_notified_through_the_eventq(string platform)
    {
        var rig = Build(platform);
        var voter = rig.Simulation.Add("vm1/voter", new DisplayVoterActor(1, new DisplayBandwidthNeed(1_500_000, 1_500_000, 1.0), rig.Driver,
            new HonestVoteBehaviour(), SimTime.FromMicroseconds(100)));
        Run(rig);

        Assert.Empty(rig.Simulation.Findings);
        Assert.Equal(new AgentNeed(1_500_000, 1_500_000), rig.Platform.Arbiter.NeedOf(1));
        Assert.Equal(0, rig.Count("vm1/voter/refused"));
        Assert.Equal(3, rig.Count("vm1/voter/commands"));
        Assert.Equal(rig.Count("vm1/voter/commands"), rig.Count("vm1/voter/responses"));
        Assert.Equal(1, rig.Bus.Levels.Level);
        Assert.True(rig.Count("vm1/voter/levelNotifications") > 0);
        Assert.Equal(2_000_000u, voter.LastNotifiedLevel);
        Assert.Equal(3, rig.Count("vm1/scmi/backend/commands"));
        Assert.Equal(3, rig.Count("vm1/scmi/backend/responses"));
        Assert.True(rig.Count("vm1/scmi/driver/notifications") > 0);
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("xen")]
    public void Two_outstanding_commands_are_answered_by_token_with_the_values_the_platform_encoded(string platform)
    {
        var rig = Build(platform);
        var probe = rig.Simulation.Add("vm1/probe", new ScmiProbeAgent(rig.Driver,
        [
            ScmiMessage.Command(new PerfLevelSetRequest(0, 3_000_000), 5),
            ScmiMessage.Command(new PerfLevelGetRequest(0), 9),
            ScmiMessage.Command(new PerfLevelGetRequest(0), 11),
        ]));
        Run(rig);

        Assert.Empty(rig.Simulation.Findings);
        Assert.Equal([5, 9, 11], probe.Responses.Select(r => (int)r.Token));
        Assert.All(probe.Responses, r => Assert.Equal(ScmiStatus.Success, r.Status));
        // LEVEL_GET answers the level in force after the vote: 3 GB/s asks for the 4 GB/s level.
        Assert.Equal(4_000_000u, probe.Responses[1].Level);
        Assert.Equal(4_000_000u, probe.Responses[2].Level);
    }

    [Fact]
    public void A_command_shorter_than_a_header_is_a_finding_and_an_empty_response_never_an_exception()
    {
        var rig = Build("kvm");
        var probe = rig.Simulation.Add("vm1/probe", new ScmiProbeAgent(rig.Driver, [[0x01, 0x02], ScmiMessage.Command(new PerfLevelGetRequest(0), 3)]));
        Run(rig);

        var finding = Assert.Single(rig.Simulation.Findings);
        Assert.Equal("scmi-malformed-command", finding.Rule);
        Assert.Equal("vm1/scmi/backend", finding.Actor);
        Assert.Equal(1, rig.Count("vm1/scmi/backend/malformed"));
        Assert.Single(probe.Empty);
        Assert.Equal(ScmiStatus.Success, Assert.Single(probe.Responses).Status);
    }

    [Fact]
    public void Notifications_before_any_event_buffer_is_posted_wait_and_are_delivered_in_order()
    {
        var rig = Build("xen");
        var probe = rig.Simulation.Add("vm1/probe", new ScmiProbeAgent(rig.Driver, [ScmiMessage.Command(new PerfLevelGetRequest(0), 1)]));
        var backend = rig.Simulation.Find("vm1/scmi/backend")!.Value;
        for (uint i = 0; i < 3; i++)
            rig.Simulation.Schedule(backend, new ScmiNotificationMessage(ScmiMessage.Compose(PerfLevelChangedNotification.Header,
                new PerfLevelChangedNotification(1, 0, 1000 + i).EncodePayload())), SimTime.Zero);
        Run(rig);

        Assert.Empty(rig.Simulation.Findings);
        Assert.Equal([1000u, 1001u, 1002u], probe.Notifications);
        Assert.Equal(3, rig.Count("vm1/scmi/backend/notifications"));
        Assert.Equal(0, rig.Count("vm1/scmi/backend/notificationsDropped"));
    }
}
