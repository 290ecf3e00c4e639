using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// The device's interrupt decision and kick suppression (virtio 1.2, 2.7.7 and 2.7.10; vhost <c>vhost_notify</c>,
/// <c>vhost_enable_notify</c>), with the flag words and with EVENT_IDX.
/// </summary>
public sealed class SplitDeviceNotificationTests
{
    private static readonly BufferSpec[] One = [new(Data, 16)];

    [Fact]
    public void Interrupt_follows_the_no_interrupt_flag_and_only_for_new_used_buffers()
    {
        var world = SplitWorld.Create(8);
        var driver = world.Driver();
        Assert.False(world.Device.InterruptNeeded()); // nothing published
        driver.TryAdd(One, None, 1);
        driver.TryAdd(One, None, 2);
        world.Pop();
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.True(world.Device.InterruptNeeded());
        Assert.False(world.Device.InterruptNeeded());
        driver.DisableInterrupts();
        world.Pop();
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.False(world.Device.InterruptNeeded());
    }

    [Fact]
    public void Interrupt_with_event_idx_fires_when_used_idx_passes_used_event()
    {
        var world = SplitWorld.Create(8, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        for (int i = 0; i < 3; i++) driver.TryAdd(One, None, i);
        world.Pop();
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.True(world.Device.InterruptNeeded());  // used_event 0 in [0, 1)
        world.Pop();
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.False(world.Device.InterruptNeeded()); // the driver has not reclaimed: used_event still 0
        Assert.True(driver.TryReclaim(out _, out _));  // used_event = 1 ... but idx is already 2
        Assert.True(driver.TryReclaim(out _, out _));  // used_event = 2
        world.Pop();
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.True(world.Device.InterruptNeeded());  // 2 in [2, 3)
    }

    [Fact]
    public void Enable_notifications_reports_waiting_chains_and_writes_avail_event()
    {
        var world = SplitWorld.Create(8, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        driver.TryAdd(One, None, 1);
        world.Device.DisableNotifications(); // EVENT_IDX: writes nothing
        Assert.DoesNotContain(world.Log.Accesses, a => a.Kind == Sim.Hypervisors.Memory.MemoryAccessKind.Write);
        Assert.False(world.Device.EnableNotifications());
        Assert.True(world.Pop());
        Assert.True(world.Device.EnableNotifications());
        Assert.Equal(1, world.Memory.ReadUInt16(Used + Sim.Devices.Virtio.Split.SplitLayout.AvailEventOffset(8)));
    }

    [Fact]
    public void A_broken_queue_publishes_nothing_and_asks_for_nothing()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 16).Publish(0).Publish(9);
        Assert.True(world.Pop());
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.DescriptorIndexOutOfRange);
        int accesses = world.Log.Accesses.Count;
        world.Device.PushUsed(0, 1, 0);
        Assert.False(world.Device.InterruptNeeded());
        world.Device.DisableNotifications();
        Assert.True(world.Device.EnableNotifications());
        Assert.Equal(accesses, world.Log.Accesses.Count);
    }

    private static readonly BufferSpec[] None = [];
}
