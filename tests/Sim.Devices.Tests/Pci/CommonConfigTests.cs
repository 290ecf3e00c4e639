using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using C = Sim.Devices.Virtio.Pci.VirtioPciCommonCfg;

namespace Sim.Devices.Tests.Pci;

/// <summary>
/// The common configuration structure (virtio 1.2, 4.1.4.3): field widths (4.1.3.1), read-only fields (4.1.4.3.2),
/// feature windows, device_status and reset, config_generation, and the BAR rules every structure shares.
/// </summary>
public sealed class CommonConfigTests
{
    [Fact]
    public void Feature_windows_show_the_offer_and_what_the_driver_wrote()
    {
        const ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingReset | 0x21;
        var rig = PciRig.Create(features: offered);
        Assert.Equal(0x21u, rig.ReadCommon(C.DeviceFeature, 4)); // the selector resets to 0: no need to write it first
        rig.WriteCommon(C.DeviceFeatureSelect, 4, 1);
        Assert.Equal(1u, rig.ReadCommon(C.DeviceFeatureSelect, 4));
        Assert.Equal((uint)(offered >> 32), rig.ReadCommon(C.DeviceFeature, 4));
        rig.WriteCommon(C.DeviceFeatureSelect, 4, 2);
        Assert.Equal(0u, rig.ReadCommon(C.DeviceFeature, 4));

        rig.NegotiateFeatures(VirtioFeatures.Version1 | 0x1);
        rig.WriteCommon(C.DriverFeatureSelect, 4, 0);
        Assert.Equal(1u, rig.ReadCommon(C.DriverFeature, 4));
        rig.WriteCommon(C.DriverFeatureSelect, 4, 1);
        Assert.Equal(1u, rig.ReadCommon(C.DriverFeature, 4));
        Assert.Equal(VirtioFeatures.Version1 | 0x1, rig.Device.NegotiatedFeatures);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Features_ok_with_a_feature_the_device_does_not_offer_is_refused()
    {
        var rig = PciRig.Create(features: VirtioFeatures.Version1);
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingPacked);
        rig.AssertOnly(TransportRule.FeatureNotOffered);
        Assert.False(rig.ReadStatus().HasFlag(DeviceStatus.FeaturesOk));
        Assert.Equal(0UL, rig.Device.NegotiatedFeatures);
    }

    [Fact]
    public void Driver_features_after_features_ok_are_out_of_sequence_and_ignored()
    {
        var rig = PciRig.Create();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.DriverFeatureSelect, 4, 0);
        rig.WriteCommon(C.DriverFeature, 4, 0x20);
        rig.AssertOnly(TransportRule.DriverFeaturesOutOfSequence);
        Assert.Equal(VirtioFeatures.Version1, rig.Device.NegotiatedFeatures);
    }

    [Fact]
    public void Status_goes_through_the_shared_status_machine()
    {
        var rig = PciRig.Create();
        rig.WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver);
        rig.AssertOnly(TransportRule.StatusOutOfOrder);
        Assert.Equal(DeviceStatus.None, rig.ReadStatus());
        Assert.True(DeviceStatusMachine.IsWellFormed(rig.Device.Status));
    }

    [Fact]
    public void Num_queues_and_the_selected_queues_fields_read_back_their_reset_values()
    {
        var rig = PciRig.Create(queueSizeMax: [128, 0, 32]);
        Assert.Equal(3u, rig.ReadCommon(C.NumQueues, 2));
        Assert.Equal(C.NoVector, rig.ReadCommon(C.MsixConfig, 2));
        ushort[] expectedSize = [128, 0, 32];
        for (ushort q = 0; q < 4; q++)
        {
            rig.WriteCommon(C.QueueSelect, 2, q);
            Assert.Equal(q, rig.ReadCommon(C.QueueSelect, 2));
            Assert.Equal(q < 3 ? expectedSize[q] : 0u, rig.ReadCommon(C.QueueSize, 2));
            Assert.Equal(C.NoVector, rig.ReadCommon(C.QueueMsixVector, 2));
            Assert.Equal(0u, rig.ReadCommon(C.QueueEnable, 2));
            Assert.Equal(0u, rig.ReadCommon(C.QueueDescLow, 4));
            Assert.Equal(0u, rig.ReadCommon(C.QueueReset, 2));
        }
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(C.DeviceFeature, 4)]
    [InlineData(C.NumQueues, 2)]
    [InlineData(C.ConfigGeneration, 1)]
    [InlineData(C.QueueNotifyOff, 2)]
    [InlineData(C.QueueNotifyData, 2)]
    public void Writing_a_read_only_field_is_a_violation_and_changes_nothing(int field, int width)
    {
        var rig = PciRig.Create();
        uint before = rig.ReadCommon(field, width);
        rig.WriteCommon(field, width, 7);
        var violation = rig.AssertOnly(TransportRule.WriteToReadOnlyRegister);
        Assert.Equal("virtio 1.2, 4.1.4.3.2", violation.Section);
        Assert.Equal(before, rig.ReadCommon(field, width));
    }

    [Theory]
    [InlineData(C.DeviceFeatureSelect, 2)] // a 32-bit field read 16 bits at a time
    [InlineData(C.MsixConfig, 4)]          // a 16-bit field with a 32-bit access
    [InlineData(C.DeviceStatus, 2)]        // device_status and config_generation in one access
    [InlineData(C.QueueDescLow + 2, 2)]    // the middle of a field
    [InlineData(C.QueueReset, 4)]          // past the end of the structure
    public void An_access_of_another_width_than_the_fields_is_a_violation(int offset, int width)
    {
        var rig = PciRig.Create();
        Assert.Equal(0u, rig.ReadCommon(offset, width));
        rig.WriteCommon(offset, width, 0);
        Assert.Equal(2, rig.Log.All.Count);
        Assert.All(rig.Log.All, v => Assert.Equal(("register-access-width", "virtio 1.2, 4.1.3.1"), (v.Rule, v.Section)));
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
    }

    [Fact]
    public void Reset_must_be_read_back_as_0_before_the_driver_writes_device_status_again()
    {
        var rig = PciRig.Create().Running();
        var resets = 0;
        rig.Device.DeviceReset += () => resets++;
        rig.WriteStatus(DeviceStatus.None);
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.AssertOnly(TransportRule.ResetNotAwaited);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);

        rig.Log.All.Clear();
        Assert.Equal(DeviceStatus.None, rig.ReadStatus());
        rig.WriteStatus(DeviceStatus.Acknowledge);
        Assert.Empty(rig.Log.All);
        Assert.Equal(DeviceStatus.Acknowledge, rig.Device.Status);
        Assert.Equal(1, resets);
    }

    [Fact]
    public void Reset_returns_every_field_to_its_reset_value_and_keeps_the_pci_function()
    {
        var rig = PciRig.Create().EnableMsix().Running(vectors: true);
        rig.WriteCommon(C.QueueSelect, 2, 1);
        rig.WriteStatus(DeviceStatus.None);
        Assert.Equal(0u, rig.ReadCommon(C.DeviceStatus, 1));
        Assert.Equal(0u, rig.ReadCommon(C.QueueSelect, 2));
        Assert.Equal(C.NoVector, rig.ReadCommon(C.MsixConfig, 2));
        Assert.Equal(256u, rig.ReadCommon(C.QueueSize, 2));
        Assert.Equal(C.NoVector, rig.ReadCommon(C.QueueMsixVector, 2));
        Assert.Equal(0u, rig.ReadCommon(C.QueueEnable, 2));
        Assert.Null(rig.Device.GetQueueConfig(0));
        Assert.Equal(0UL, rig.Device.NegotiatedFeatures);
        Assert.True(rig.Device.MsixEnabled);
        Assert.True(rig.Device.MemorySpaceEnabled);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Config_generation_changes_once_the_driver_reads_a_configuration_that_changed()
    {
        var rig = PciRig.Create(config: [1, 2, 3, 4, 5, 6, 7, 8]);
        ulong device = rig.Layout.Device.Offset;
        Assert.Equal(0x04030201u, rig.Device.Read(rig.Bar, device, 4));
        byte before = (byte)rig.ReadCommon(C.ConfigGeneration, 1);

        for (int change = 0; change < 256; change++) rig.Device.UpdateConfig(0, [9]); // an 8-bit counter per change would wrap back
        Assert.Equal(0x09u, rig.Device.Read(rig.Bar, device, 1));
        Assert.NotEqual(before, (byte)rig.ReadCommon(C.ConfigGeneration, 1));
        byte after = (byte)rig.ReadCommon(C.ConfigGeneration, 1);
        Assert.Equal(0x0605u, rig.Device.Read(rig.Bar, device + 4, 2));
        Assert.Equal(after, (byte)rig.ReadCommon(C.ConfigGeneration, 1));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Device_configuration_writes_reach_the_device_model()
    {
        var rig = PciRig.Create(config: new byte[8]);
        var written = new List<(int, int, uint)>();
        rig.Device.ConfigWritten += (offset, width, value) => written.Add((offset, width, value));
        rig.Device.Write(rig.Bar, rig.Layout.Device.Offset + 4, 2, 0xbeef);
        Assert.Equal([(4, 2, 0xbeefu)], written);
        Assert.Equal(0xbeefu, rig.Device.Read(rig.Bar, rig.Layout.Device.Offset + 4, 2));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Unaligned_device_configuration_access_is_a_violation()
    {
        var rig = PciRig.Create(config: new byte[8]);
        Assert.Equal(0u, rig.Device.Read(rig.Bar, rig.Layout.Device.Offset + 2, 4));
        Assert.Equal("virtio 1.2, 4.1.3.1", rig.AssertOnly(TransportRule.UnalignedConfigAccess).Section);
    }

    [Fact]
    public void Device_configuration_access_past_its_end_is_a_violation()
    {
        var rig = PciRig.Create(config: new byte[6]);
        Assert.Equal(0u, rig.Device.Read(rig.Bar, rig.Layout.Device.Offset + 4, 4));
        Assert.Equal("virtio 1.2, 4.1.4.6", rig.AssertOnly(TransportRule.ConfigOutOfRange).Section);
    }

    [Theory]
    [InlineData(0x0040UL)] // past the common structure, same page
    [InlineData(0x1001UL)] // past the ISR byte
    [InlineData(0x7ff8UL)] // the end of the BAR
    public void An_access_outside_every_structure_is_a_violation(ulong offset)
    {
        var rig = PciRig.Create();
        Assert.Equal(0u, rig.Device.Read(rig.Bar, offset, 4));
        rig.AssertOnly(TransportRule.UndefinedRegister);
    }

    [Fact]
    public void An_access_to_a_bar_the_function_does_not_implement_is_a_violation()
    {
        var rig = PciRig.Create();
        rig.Device.Write(0, C.DeviceStatus, 1, 1);
        rig.AssertOnly(TransportRule.UndefinedRegister);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
    }

    [Fact]
    public void Bar_accesses_while_memory_space_is_disabled_are_not_decoded()
    {
        var rig = PciRig.Create(memorySpace: false);
        Assert.Equal(0xffu, rig.Device.Read(rig.Bar, C.DeviceStatus, 1));
        rig.AssertOnly(TransportRule.MemorySpaceDisabled);
        rig.Log.All.Clear();
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.AssertOnly(TransportRule.MemorySpaceDisabled);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Bar_accesses_other_than_1_2_or_4_bytes_are_violations(int width)
    {
        var rig = PciRig.Create();
        rig.Device.Write(rig.Bar, C.QueueDescLow, width, 0x1000);
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
    }
}
