using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Pci;

/// <summary>Available buffer notifications (virtio 1.2, 4.1.4.4 and 4.1.5.2).</summary>
public sealed class NotifyTests
{
    [Fact]
    public void A_16_bit_write_of_the_queue_index_at_its_notify_address_raises_Notified()
    {
        var rig = PciRig.Create().Running();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Notify(0, 0);
        Assert.Equal([new QueueNotification(0)], seen);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void The_driver_notifies_at_cap_offset_plus_queue_notify_off_times_the_multiplier()
    {
        var rig = PciRig.Create();
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)])).Success);
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Bus.Accesses.Clear();

        rig.Driver.Notify(new QueueNotification(1));

        var write = Assert.Single(rig.Bus.Accesses);
        Assert.Equal(new PciAccess(true, 4, 0x3000 + 1 * 4, 2, 1), write);
        Assert.Equal([new QueueNotification(1)], seen);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void With_notification_data_the_driver_writes_32_bits_carrying_next_offset_and_wrap()
    {
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.NotificationData;
        var rig = PciRig.Create(features: features);
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(features, [PciRig.Queue(0)])).Success);
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Bus.Accesses.Clear();

        rig.Driver.Notify(new QueueNotification(0, NextOffset: 0x1234, NextWrap: true));

        Assert.Equal(new PciAccess(true, 4, 0x3000, 4, 0x9234_0000), Assert.Single(rig.Bus.Accesses));
        Assert.Equal([new QueueNotification(0, HasData: true, NextOffset: 0x1234, NextWrap: true)], seen);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void A_notification_before_driver_ok_is_a_violation_and_raises_nothing()
    {
        var rig = PciRig.Create();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64);
        rig.Notify(0, 0);
        rig.AssertOnly(QueueRule.InvalidNotification);
        Assert.Empty(seen);
    }

    [Fact]
    public void A_notification_for_a_queue_that_is_not_enabled_is_a_violation_and_raises_nothing()
    {
        var rig = PciRig.Create().Running(); // queue 0 enabled, queue 1 not
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Notify(1, 1);
        rig.AssertOnly(QueueRule.QueueNotReady);
        Assert.Empty(seen);
    }

    [Fact]
    public void A_notification_for_a_queue_the_device_does_not_have_is_a_violation()
    {
        var rig = PciRig.Create().Running();
        rig.Notify(0, 7);
        rig.AssertOnly(QueueRule.InvalidNotification);
    }

    [Fact]
    public void A_notification_at_another_queues_notify_address_is_a_violation()
    {
        var rig = PciRig.Create().Running();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Notify(1, 0); // queue 0's index at queue 1's address
        Assert.Contains("notify+0x0", rig.AssertOnly(QueueRule.InvalidNotification).Detail, StringComparison.Ordinal);
        Assert.Empty(seen);
    }

    [Theory]
    [InlineData(4)] // a 32-bit write without VIRTIO_F_NOTIFICATION_DATA
    [InlineData(1)]
    public void A_notification_of_the_wrong_width_is_a_violation(int width)
    {
        var rig = PciRig.Create().Running();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Notify(0, 0, width);
        Assert.Equal("virtio 1.2, 4.1.5.2", rig.AssertOnly(TransportRule.RegisterAccessWidth).Section);
        Assert.Empty(seen);
    }

    [Fact]
    public void Reading_the_notification_structure_returns_0_without_a_violation()
    {
        var rig = PciRig.Create().Running();
        Assert.Equal(0u, rig.Device.Read(rig.Bar, rig.Layout.NotifyAddress(0), 2));
        Assert.Empty(rig.Log.All);
    }
}
