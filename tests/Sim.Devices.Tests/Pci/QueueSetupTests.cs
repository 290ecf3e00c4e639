using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using C = Sim.Devices.Virtio.Pci.VirtioPciCommonCfg;

namespace Sim.Devices.Tests.Pci;

/// <summary>Queue configuration through the common configuration structure (virtio 1.2, 4.1.4.3, 4.1.5.1.3) and queue reset (2.6.1).</summary>
public sealed class QueueSetupTests
{
    [Fact]
    public void Queue_setup_values_reach_GetQueueConfig_when_the_queue_is_enabled()
    {
        var rig = PciRig.Create();
        var enabled = new List<(int, QueueConfig)>();
        rig.Device.QueueEnabled += (q, c) => enabled.Add((q, c));
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.EventIdx);
        rig.SetUpQueue(1, 64, desc: 0x1_2345_6000, driver: 0x1_2345_7000, device: 0x1_2345_8000);

        var expected = new QueueConfig(64, 0x1_2345_6000, 0x1_2345_7000, 0x1_2345_8000, VirtioFeatures.Version1 | VirtioFeatures.EventIdx);
        Assert.Equal(expected, rig.Device.GetQueueConfig(1));
        Assert.Equal([(1, expected)], enabled);
        Assert.Null(rig.Device.GetQueueConfig(0));
        Assert.Equal(1u, rig.ReadCommon(C.QueueEnable, 2));
        Assert.Equal(0x2345_7000u, rig.ReadCommon(C.QueueDriverLow, 4));
        Assert.Equal(1u, rig.ReadCommon(C.QueueDriverHigh, 4));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void An_enabled_queue_without_a_size_write_uses_the_maximum()
    {
        var rig = PciRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.QueueSelect, 2, 0);
        rig.WriteCommon(C.QueueEnable, 2, 1);
        Assert.Equal(256, rig.Device.GetQueueConfig(0)!.Size);
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(100u)]  // not a power of two, split ring
    [InlineData(0u)]    // 0 is not a size
    [InlineData(512u)]  // above the maximum
    public void An_invalid_queue_size_is_a_violation_and_keeps_the_previous_size(uint size)
    {
        var rig = PciRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.QueueSize, 2, 64);
        rig.WriteCommon(C.QueueSize, 2, size);
        rig.AssertOnly(QueueRule.InvalidQueueSize);
        Assert.Equal(64u, rig.ReadCommon(C.QueueSize, 2));
    }

    [Fact]
    public void Packed_rings_allow_a_size_that_is_not_a_power_of_two_but_not_0()
    {
        var rig = PciRig.Create(features: PciRig.DefaultFeatures | VirtioFeatures.RingPacked);
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingPacked);
        rig.WriteCommon(C.QueueSize, 2, 100);
        Assert.Empty(rig.Log.All);
        rig.WriteCommon(C.QueueEnable, 2, 1);
        Assert.Equal(100, rig.Device.GetQueueConfig(0)!.Size);
        rig.WriteCommon(C.QueueSelect, 2, 1);
        rig.WriteCommon(C.QueueSize, 2, 0);
        rig.AssertOnly(QueueRule.InvalidQueueSize);
    }

    [Theory]
    [InlineData(C.QueueSize, 2, 64u)]
    [InlineData(C.QueueDescLow, 4, 0x9000u)]
    [InlineData(C.QueueDeviceHigh, 4, 1u)]
    [InlineData(C.QueueMsixVector, 2, 2u)]
    public void Queue_fields_written_while_the_queue_is_enabled_are_violations_and_ignored(int field, int width, uint value)
    {
        var rig = PciRig.Create().EnableMsix().Running();
        var before = rig.Device.GetQueueConfig(0);
        uint fieldBefore = rig.ReadCommon(field, width);
        rig.WriteCommon(field, width, value);
        Assert.Equal("virtio 1.2, 4.1.4.3.2", rig.AssertOnly(TransportRule.QueueConfigWhileReady).Section);
        Assert.Equal(before, rig.Device.GetQueueConfig(0));
        Assert.Equal(fieldBefore, rig.ReadCommon(field, width));
    }

    [Fact]
    public void Writing_0_to_queue_enable_is_a_violation_and_the_queue_stays_enabled()
    {
        var rig = PciRig.Create().Running();
        var disabled = new List<int>();
        rig.Device.QueueDisabled += disabled.Add;
        rig.WriteCommon(C.QueueEnable, 2, 0);
        rig.AssertOnly(TransportRule.QueueEnableZero);
        Assert.NotNull(rig.Device.GetQueueConfig(0));
        Assert.Empty(disabled);
    }

    [Fact]
    public void Queue_enable_values_other_than_0_and_1_are_violations()
    {
        var rig = PciRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.QueueEnable, 2, 2);
        Assert.Equal("virtio 1.2, 4.1.4.3", rig.AssertOnly(TransportRule.InvalidRegisterValue).Section);
        Assert.Null(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Enabling_a_queue_before_features_ok_is_a_violation()
    {
        var rig = PciRig.Create();
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        rig.WriteCommon(C.QueueEnable, 2, 1);
        rig.AssertOnly(TransportRule.QueueSetupBeforeFeaturesOk);
        Assert.Null(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Queue_fields_of_a_queue_the_device_does_not_have_are_violations()
    {
        var rig = PciRig.Create(queueSizeMax: [256, 0]);
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.QueueSelect, 2, 1);
        rig.WriteCommon(C.QueueSize, 2, 16);
        var violation = rig.AssertOnly(TransportRule.QueueNotAvailable);
        Assert.Equal("virtio 1.2, 4.1.4.3 (queue_size 0: unavailable)", violation.Section);
        rig.Log.All.Clear();
        rig.WriteCommon(C.QueueSelect, 2, 9);
        rig.WriteCommon(C.QueueEnable, 2, 1);
        rig.AssertOnly(TransportRule.QueueNotAvailable);
    }

    [Fact]
    public void Queue_reset_returns_the_queue_to_its_reset_values_at_once()
    {
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.RingReset;
        var rig = PciRig.Create(features: features).EnableMsix().Running(features, vectors: true);
        var disabled = new List<int>();
        rig.Device.QueueDisabled += disabled.Add;
        rig.WriteCommon(C.QueueReset, 2, 1);

        Assert.Equal([0], disabled);
        Assert.Null(rig.Device.GetQueueConfig(0));
        Assert.Equal(0u, rig.ReadCommon(C.QueueReset, 2));
        Assert.Equal(0u, rig.ReadCommon(C.QueueEnable, 2));
        Assert.Equal(256u, rig.ReadCommon(C.QueueSize, 2));
        Assert.Equal(C.NoVector, rig.ReadCommon(C.QueueMsixVector, 2));
        Assert.Equal(0u, rig.ReadCommon(C.QueueDescLow, 4));
        // and the driver may set it up again, differently
        rig.SetUpQueue(0, 32, vector: 1);
        Assert.Equal(32, rig.Device.GetQueueConfig(0)!.Size);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Queue_reset_without_ring_reset_negotiated_is_a_violation()
    {
        var rig = PciRig.Create(features: PciRig.DefaultFeatures | VirtioFeatures.RingReset).Running();
        rig.WriteCommon(C.QueueReset, 2, 1);
        Assert.Equal("virtio 1.2, 4.1.4.3 (queue_reset)", rig.AssertOnly(TransportRule.RingResetNotNegotiated).Section);
        Assert.NotNull(rig.Device.GetQueueConfig(0));
    }

    [Fact]
    public void Queue_reset_with_a_value_other_than_1_is_a_violation()
    {
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.RingReset;
        var rig = PciRig.Create(features: features).Running(features);
        rig.WriteCommon(C.QueueReset, 2, 2);
        rig.AssertOnly(TransportRule.InvalidRegisterValue);
        Assert.NotNull(rig.Device.GetQueueConfig(0));
    }
}
