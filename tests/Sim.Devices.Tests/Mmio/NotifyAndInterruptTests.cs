using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Available buffer notifications and device interrupts (virtio 1.2, 2.1.2, 4.2.2, 4.2.3.3, 4.2.3.4).</summary>
public sealed class NotifyAndInterruptTests
{
    [Fact]
    public void Notify_after_driver_ok_reaches_the_device_model()
    {
        var rig = MmioRig.Create().Running();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Write(MmioRegister.QueueNotify, 0);
        Assert.Equal([new QueueNotification(0)], seen);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Notify_with_notification_data_carries_next_offset_and_wrap()
    {
        var rig = MmioRig.Create(features: MmioRig.DefaultFeatures | VirtioFeatures.NotificationData)
            .Running(VirtioFeatures.Version1 | VirtioFeatures.NotificationData);
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Write(MmioRegister.QueueNotify, (1u << 31) | (0x1234u << 16) | 0);
        var notification = Assert.Single(seen);
        Assert.Equal(new QueueNotification(0, HasData: true, NextOffset: 0x1234, NextWrap: true), notification);
        Assert.Equal(0x9234, notification.SplitAvailIndex);
        Assert.Equal((1u << 31) | (0x1234u << 16), notification.Encode());
    }

    [Fact]
    public void Notify_before_driver_ok_is_an_invalid_notification_and_ignored()
    {
        var rig = MmioRig.Create();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64);
        rig.Write(MmioRegister.QueueNotify, 0);
        rig.AssertOnly(QueueRule.InvalidNotification);
        Assert.Empty(seen);
    }

    [Fact]
    public void Notify_for_a_queue_the_device_does_not_have_is_an_invalid_notification()
    {
        var rig = MmioRig.Create().Running();
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Write(MmioRegister.QueueNotify, 7);
        rig.AssertOnly(QueueRule.InvalidNotification);
        Assert.Empty(seen);
    }

    [Fact]
    public void Notify_for_a_queue_that_is_not_ready_is_reported()
    {
        var rig = MmioRig.Create().Running(); // queue 0 ready, queue 1 not
        rig.Write(MmioRegister.QueueNotify, 1);
        rig.AssertOnly(QueueRule.QueueNotReady);
    }

    [Fact]
    public void Interrupt_status_holds_events_until_acknowledged()
    {
        var rig = MmioRig.Create().Running();
        var line = new List<bool>();
        rig.Device.InterruptLineChanged += line.Add;

        Assert.Equal(InterruptRaise.Deliver(0), rig.Device.RaiseUsedBufferInterrupt(0));
        rig.Device.RaiseConfigChangeInterrupt();
        Assert.Equal(3u, rig.Read(MmioRegister.InterruptStatus));

        rig.Write(MmioRegister.InterruptAck, (uint)MmioInterrupt.UsedBuffer);
        Assert.Equal((uint)MmioInterrupt.ConfigChange, rig.Read(MmioRegister.InterruptStatus));
        Assert.True(rig.Device.InterruptAsserted);

        Assert.Equal(MmioInterrupt.ConfigChange, rig.Driver.HandleInterrupt());
        Assert.Equal(0u, rig.Read(MmioRegister.InterruptStatus));
        Assert.Equal([true, false], line);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Interrupt_ack_with_undefined_bits_is_a_violation_but_acknowledges_the_defined_ones()
    {
        var rig = MmioRig.Create().Running();
        rig.Device.RaiseUsedBufferInterrupt(0);
        rig.Write(MmioRegister.InterruptAck, 0x5);
        rig.AssertOnly(TransportRule.InvalidRegisterValue);
        Assert.False(rig.Device.InterruptAsserted);
    }

    [Fact]
    public void Used_buffer_interrupt_before_driver_ok_is_refused()
    {
        var rig = MmioRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        Assert.Equal(InterruptRaise.Refused, rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Equal(0u, rig.Read(MmioRegister.InterruptStatus));
    }

    [Fact]
    public void Needs_reset_sets_the_status_bit_and_sends_a_config_change_interrupt()
    {
        var rig = MmioRig.Create().Running();
        rig.Device.SetNeedsReset();
        Assert.True(((DeviceStatus)rig.Read(MmioRegister.Status)).HasFlag(DeviceStatus.DeviceNeedsReset));
        Assert.Equal((uint)MmioInterrupt.ConfigChange, rig.Read(MmioRegister.InterruptStatus));

        rig.WriteStatus(DeviceStatus.None);
        Assert.Equal(0u, rig.Read(MmioRegister.Status));
        Assert.Equal(0u, rig.Read(MmioRegister.InterruptStatus));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Needs_reset_before_driver_ok_sets_the_bit_without_an_interrupt()
    {
        var rig = MmioRig.Create();
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.Device.SetNeedsReset();
        Assert.Equal(DeviceStatus.Acknowledge | DeviceStatus.DeviceNeedsReset, rig.Device.Status);
        Assert.False(rig.Device.InterruptAsserted);
        // The driver's read-modify-write keeps the device's bit: not a violation.
        rig.WriteStatus(rig.Device.Status | DeviceStatus.Driver);
        Assert.Empty(rig.Log.All);
    }
}
