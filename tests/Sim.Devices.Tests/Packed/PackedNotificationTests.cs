using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Kick and interrupt decisions through the event suppression structures (virtio 1.2, 2.8.10; Linux
/// <c>virtqueue_kick_prepare_packed</c>, <c>virtqueue_enable_cb_prepare_packed</c>; QEMU
/// <c>virtio_packed_should_notify</c>): ENABLE, DISABLE, and DESC with a wrap-aware descriptor offset.
/// </summary>
public sealed class PackedNotificationTests
{
    private static readonly BufferSpec[] None = [];
    private static readonly BufferSpec[] One = [new BufferSpec(Data, 8)];

    [Theory]
    [InlineData(3, true, 5, true, 2, true)]    // slots 3, 4 were made available: 3 among them
    [InlineData(3, true, 5, true, 1, false)]   // only slot 4
    [InlineData(5, true, 5, true, 3, false)]   // the event is the next slot: not yet
    [InlineData(7, true, 1, false, 2, true)]   // slots 7 (lap 1) and 0 (lap 2); event in the previous lap
    [InlineData(7, true, 1, false, 1, false)]  // only slot 0 of lap 2
    [InlineData(0, false, 1, false, 1, true)]  // slot 0 of lap 2
    [InlineData(0, true, 1, false, 1, false)]  // slot 0 of lap 1 is a full lap back
    [InlineData(0, true, 0, false, 8, true)]   // a whole lap moved at once
    public void Need_event_is_wrap_aware(int offset, bool eventWrap, int next, bool nextWrap, int advanced, bool expected)
    {
        ushort offWrap = new PackedRingPosition((ushort)offset, eventWrap).OffWrap;
        Assert.Equal(expected, PackedEventSuppression.NeedEvent(offWrap, new PackedRingPosition((ushort)next, nextWrap), advanced, 8));
    }

    [Fact]
    public void Without_event_idx_the_driver_kicks_unless_the_device_disabled_kicks()
    {
        var world = Create(4);
        var driver = world.Driver();
        Assert.False(driver.KickNeeded()); // nothing added
        Assert.True(driver.TryAdd(One, None, 0));
        Assert.True(driver.KickNeeded());
        Assert.False(driver.KickNeeded()); // nothing added since the last decision
        world.Device.DisableNotifications();
        Assert.True(driver.TryAdd(One, None, 1));
        Assert.False(driver.KickNeeded());
        Assert.False(world.Device.EnableNotifications()); // two chains wait: pop them instead
        Assert.True(driver.TryAdd(One, None, 2));
        Assert.True(driver.KickNeeded());
    }

    [Fact]
    public void With_event_idx_the_driver_kicks_when_it_makes_the_devices_event_slot_available()
    {
        var world = Create(4, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        var device = world.Device;
        Assert.True(device.EnableNotifications()); // event: slot 0, wrap 1
        Assert.True(driver.TryAdd(One, None, 0));
        Assert.True(driver.KickNeeded());
        Assert.True(driver.TryAdd(One, None, 1));
        Assert.False(driver.KickNeeded()); // slot 1: the device has not asked again
        for (int i = 0; i < 2; i++)
        {
            Assert.True(world.Pop());
            device.PushUsed(world.Chain.Id, 1, 0);
            Assert.True(driver.TryReclaim(out _, out _));
        }
        Assert.True(device.EnableNotifications()); // event: slot 2, wrap 1
        Assert.True(driver.TryAdd(One, None, 2));
        Assert.True(driver.TryAdd([new BufferSpec(Data, 1)], [new BufferSpec(Data + 1, 1)], 3)); // this one wraps: slots 3 and 0
        Assert.True(driver.KickNeeded()); // slots 2, 3, 0 in one decision: 2 among them
    }

    [Fact]
    public void With_event_idx_an_event_in_the_previous_lap_is_compared_across_the_wrap()
    {
        var world = Create(4, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        var device = world.Device;
        for (int i = 0; i < 3; i++) Assert.True(driver.TryAdd(One, None, i));
        for (int i = 0; i < 3; i++)
        {
            Assert.True(world.Pop());
            device.PushUsed(world.Chain.Id, 1, 0);
            Assert.True(driver.TryReclaim(out _, out _));
        }
        Assert.True(driver.KickNeeded());
        Assert.True(device.EnableNotifications()); // event: slot 3, wrap 1
        Assert.True(driver.TryAdd([new BufferSpec(Data, 1)], [new BufferSpec(Data + 1, 1)], 9)); // slots 3 (wrap 1) and 0 (wrap 0)
        Assert.True(driver.KickNeeded()); // driver now at slot 1, wrap 0: the event lies one lap back, and was passed
        Assert.True(driver.TryAdd(One, None, 10));
        Assert.False(driver.KickNeeded());
    }

    [Fact]
    public void Without_event_idx_the_device_interrupts_unless_the_driver_disabled_interrupts()
    {
        var world = Create(4);
        var driver = world.Driver();
        var device = world.Device;
        for (int i = 0; i < 2; i++) Assert.True(driver.TryAdd(One, [new BufferSpec(Data + 16, 8)], i));
        Assert.False(device.InterruptNeeded()); // nothing used
        Assert.True(world.Pop());
        device.PushUsed(world.Chain.Id, 2, 8);
        Assert.True(device.InterruptNeeded());
        Assert.False(device.InterruptNeeded()); // nothing used since the last decision
        driver.DisableInterrupts();
        Assert.True(world.Pop());
        device.PushUsed(world.Chain.Id, 2, 8);
        Assert.False(device.InterruptNeeded());
        Assert.False(driver.EnableInterrupts()); // used buffers wait: reclaim them instead
        Assert.True(driver.TryReclaim(out _, out _));
        Assert.True(driver.TryReclaim(out _, out _));
        Assert.False(driver.TryReclaim(out _, out _));
        Assert.True(driver.EnableInterrupts());
    }

    [Fact]
    public void With_event_idx_the_device_interrupts_when_it_marks_the_drivers_event_slot_used()
    {
        var world = Create(3, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        var device = world.Device;
        for (int i = 0; i < 3; i++) Assert.True(driver.TryAdd(One, None, i));
        Assert.True(driver.EnableInterrupts()); // event: slot 0, wrap 1
        for (int i = 0; i < 3; i++) Assert.True(world.Pop());
        device.PushUsed(0, 1, 0);
        Assert.True(device.InterruptNeeded());
        device.PushUsed(1, 1, 0);
        Assert.False(device.InterruptNeeded()); // the driver has not asked again
        Assert.False(driver.EnableInterrupts()); // event: slot 0 again, but two used wait
        for (int i = 0; i < 2; i++) Assert.True(driver.TryReclaim(out _, out _));
        Assert.True(driver.EnableInterrupts()); // event: slot 2, wrap 1
        device.PushUsed(2, 1, 0); // used position wraps to slot 0, wrap 0
        Assert.True(device.InterruptNeeded());
        Assert.True(driver.TryReclaim(out long token, out _));
        Assert.Equal(2, token);
    }

    [Fact]
    public void A_device_area_saying_desc_without_event_idx_makes_the_driver_kick()
    {
        var world = Create(4);
        var driver = world.Driver();
        world.Ring.DeviceEvent(new PackedRingPosition(3, true).OffWrap, PackedLayout.EventFlagDesc);
        Assert.True(driver.TryAdd(One, None, 0));
        Assert.True(driver.KickNeeded());
    }
}
