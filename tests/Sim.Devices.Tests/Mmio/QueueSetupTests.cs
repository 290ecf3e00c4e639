using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Queue configuration registers, QueueReady and QueueReset (virtio 1.2, 4.2.2, 4.2.2.2, 4.2.3.2).</summary>
public sealed class QueueSetupTests
{
    [Fact]
    public void Queue_ready_produces_a_queue_config_with_the_written_addresses_and_negotiated_features()
    {
        var rig = MmioRig.Create();
        var enabled = new List<(int, QueueConfig)>();
        rig.Device.QueueEnabled += (index, config) => enabled.Add((index, config));
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.EventIdx;
        rig.NegotiateFeatures(features);

        rig.SetUpQueue(1, 128, desc: 0x1_2345_6780, driver: 0x2_0000_1002, device: 0xffff_0000_0000_1004);

        var expected = new QueueConfig(128, 0x1_2345_6780, 0x2_0000_1002, 0xffff_0000_0000_1004, features);
        Assert.Equal([(1, expected)], enabled);
        Assert.Equal(expected, rig.Device.GetQueueConfig(1));
        Assert.Null(rig.Device.GetQueueConfig(0));
        Assert.Equal(1u, rig.Read(MmioRegister.QueueReady));
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(MmioRegister.QueueNum)]
    [InlineData(MmioRegister.QueueDescLow)]
    [InlineData(MmioRegister.QueueDescHigh)]
    [InlineData(MmioRegister.QueueDriverLow)]
    [InlineData(MmioRegister.QueueDriverHigh)]
    [InlineData(MmioRegister.QueueDeviceLow)]
    [InlineData(MmioRegister.QueueDeviceHigh)]
    public void Writing_queue_configuration_while_ready_is_a_violation_and_ignored(ulong register)
    {
        var rig = MmioRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64);
        var before = rig.Device.GetQueueConfig(0);

        rig.Write(register, 0xdead_0000);

        rig.AssertOnly(TransportRule.QueueConfigWhileReady);
        Assert.Equal(before, rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Queue_ready_with_queue_num_zero_is_an_invalid_queue_size()
    {
        var rig = MmioRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 0);
        rig.AssertOnly(QueueRule.InvalidQueueSize);
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
        Assert.Null(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Queue_ready_with_queue_num_above_the_maximum_is_an_invalid_queue_size()
    {
        var rig = MmioRig.Create(queueNumMax: [64]);
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 128);
        rig.AssertOnly(QueueRule.InvalidQueueSize);
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
    }

    [Fact]
    public void Queue_ready_before_features_ok_is_a_violation()
    {
        var rig = MmioRig.Create();
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        rig.SetUpQueue(0, 64);
        rig.AssertOnly(TransportRule.QueueSetupBeforeFeaturesOk);
        Assert.Null(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Configuring_a_queue_the_device_does_not_have_is_a_violation()
    {
        var rig = MmioRig.Create(queueNumMax: [64]);
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.Write(MmioRegister.QueueSel, 5);
        rig.Write(MmioRegister.QueueNum, 64);
        rig.AssertOnly(TransportRule.QueueNotAvailable);
    }

    [Fact]
    public void Queue_ready_value_other_than_0_or_1_is_a_violation()
    {
        var rig = MmioRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.Write(MmioRegister.QueueNum, 64);
        rig.Write(MmioRegister.QueueReady, 2);
        rig.AssertOnly(TransportRule.InvalidRegisterValue);
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
    }

    [Fact]
    public void Queue_ready_zero_stops_the_queue_and_allows_reconfiguration()
    {
        var rig = MmioRig.Create();
        var disabled = new List<int>();
        rig.Device.QueueDisabled += disabled.Add;
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64);
        rig.Write(MmioRegister.QueueReady, 0);
        Assert.Equal([0], disabled);
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
        rig.SetUpQueue(0, 32, desc: 0x8000);
        Assert.Equal(32, rig.Device.GetQueueConfig(0)!.Size);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Queue_reset_with_ring_reset_negotiated_returns_the_queue_to_reset_values()
    {
        var rig = MmioRig.Create(features: MmioRig.DefaultFeatures | VirtioFeatures.RingReset);
        var disabled = new List<int>();
        rig.Device.QueueDisabled += disabled.Add;
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingReset);
        rig.SetUpQueue(1, 64);

        rig.Write(MmioRegister.QueueReset, 1);

        Assert.Equal([1], disabled);
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReset));
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
        rig.Write(MmioRegister.QueueReady, 1); // QueueNum went back to 0 with the reset
        rig.AssertOnly(QueueRule.InvalidQueueSize);
    }

    [Fact]
    public void Queue_reset_without_ring_reset_negotiated_is_a_violation_and_ignored()
    {
        var rig = MmioRig.Create(features: MmioRig.DefaultFeatures | VirtioFeatures.RingReset);
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64);
        rig.Write(MmioRegister.QueueReset, 1);
        rig.AssertOnly(TransportRule.RingResetNotNegotiated);
        Assert.NotNull(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Queue_reset_value_other_than_1_is_a_violation()
    {
        var rig = MmioRig.Create(features: MmioRig.DefaultFeatures | VirtioFeatures.RingReset);
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingReset);
        rig.SetUpQueue(0, 64);
        rig.Write(MmioRegister.QueueReset, 0);
        rig.AssertOnly(TransportRule.InvalidRegisterValue);
        Assert.NotNull(rig.Device.GetQueueConfig(0));
    }
}
