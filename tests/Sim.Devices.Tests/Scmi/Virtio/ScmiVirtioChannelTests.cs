using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi.Virtio;

/// <summary>The virtio-scmi driver and backend (virtio 1.2, 5.17) on the strict test platform.</summary>
public sealed class ScmiVirtioChannelTests
{
    [Fact]
    public void The_layout_keeps_rings_slots_and_event_buffers_apart_from_the_given_start()
    {
        var layout = ScmiGuestLayout.For(0x2100, 16, 4, 3);
        Assert.Equal(0x3000UL, layout.Start);
        Assert.Equal(0x3000UL, layout.CommandRings.DescriptorArea);
        Assert.True(layout.EventRings.DescriptorArea > layout.CommandRings.DeviceArea);
        Assert.True(layout.IndirectArea > layout.EventRings.DeviceArea);
        Assert.True(layout.BufferArea >= layout.IndirectArea + 16UL * 16 * 2);
        Assert.Equal(ScmiHeader.Size + ScmiVirtioLayout.LinuxMaxMessageSize, layout.ResponseBytes);
        for (int i = 0; i < 3; i++) Assert.True(layout.ResponseBuffer(i) + (ulong)layout.ResponseBytes <= layout.RequestBuffer(i + 1));
        Assert.True(layout.ResponseBuffer(3) + (ulong)layout.ResponseBytes <= layout.EventBuffer(0));
        Assert.True(layout.EventBuffer(2) + (ulong)layout.EventBytes <= layout.End);
        Assert.Equal(0UL, layout.End % 4096);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Responses_coming_back_out_of_order_reach_the_agent_matched_by_token(bool packed)
    {
        byte[][] commands = [ScmiVirtioWorld.Command(3), ScmiVirtioWorld.Command(7), ScmiVirtioWorld.Command(9)];
        var world = new ScmiVirtioWorld(commands, batch: 3, packed);
        world.Run();

        Assert.Empty(world.Simulation.Findings);
        // The backend read exactly the bytes ScmiMessage encoded, with the channel's agent.
        Assert.Equal(commands, world.Fake.Received.Select(r => r.Message));
        Assert.All(world.Fake.Received, r => Assert.Equal(1, r.Agent));
        // Answered in reverse order; each response carries its own command's parameter + 1000.
        Assert.Equal([(9, 1009u), (7, 1007u), (3, 1003u)], world.Probe.Responses.Select(r => ((int)r.Token, r.Value)));
        Assert.Equal(3, world.Count("vm/scmi/backend/responses"));
        Assert.Equal(3, world.Count("vm/scmi/driver/responses"));
        Assert.Equal(0, world.Backend.Outstanding);
    }

    [Fact]
    public void More_commands_than_slots_wait_in_order_and_all_complete()
    {
        byte[][] commands = Enumerable.Range(0, 10).Select(i => ScmiVirtioWorld.Command((ushort)i)).ToArray();
        var world = new ScmiVirtioWorld(commands, batch: 1);
        world.Run();

        Assert.Empty(world.Simulation.Findings);
        Assert.Equal(Enumerable.Range(0, 10), world.Probe.Responses.Select(r => (int)r.Token));
        Assert.Equal(10, world.Count("vm/scmi/driver/commands"));
    }

    [Fact]
    public void Notifications_beyond_the_bounded_queue_are_dropped_and_counted_the_rest_delivered_once_buffers_are_posted()
    {
        var world = new ScmiVirtioWorld([ScmiVirtioWorld.Command(1)], batch: 1, maxPendingNotifications: 2);
        for (byte i = 0; i < 5; i++)
            world.Simulation.Schedule(world.Backend.Ref, new ScmiNotificationMessage([0x00, 0x0F, 0x4C, i, 0xAA]), SimTime.Zero);
        world.Run();

        Assert.Empty(world.Simulation.Findings);
        Assert.Equal([0, 1], world.Probe.Notifications.Select(n => (int)n[3]));
        Assert.Equal(3, world.Count("vm/scmi/backend/notificationsDropped"));
        Assert.Equal(2, world.Count("vm/scmi/backend/notifications"));
    }

    [Fact]
    public void A_refused_request_buffer_is_a_finding_and_breaks_the_queue_without_an_exception()
    {
        var world = new ScmiVirtioWorld([ScmiVirtioWorld.Command(1)], batch: 1, refuse: (layout, address) => address == layout.RequestBuffer(0));
        world.Run();

        Assert.Contains(world.Simulation.Findings, f => f.Actor == "vm/scmi/backend");
        Assert.Empty(world.Fake.Received);
        Assert.Empty(world.Probe.Responses);
    }
}
