using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using static Sim.Devices.Virtio.Facilities.DeviceStatus;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Feature windows and FEATURES_OK (virtio 1.2, 2.2, 3.1.1 steps 4-6, 4.2.2).</summary>
public sealed class FeatureNegotiationTests
{
    private const ulong Offered = VirtioFeatures.Version1 | VirtioFeatures.RingReset | VirtioFeatures.EventIdx | 0x5;

    [Fact]
    public void Device_features_read_through_64_bit_selector_windows()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.Write(MmioRegister.DeviceFeaturesSel, 0);
        Assert.Equal(unchecked((uint)Offered), rig.Read(MmioRegister.DeviceFeatures));
        rig.Write(MmioRegister.DeviceFeaturesSel, 1);
        Assert.Equal((uint)(Offered >> 32), rig.Read(MmioRegister.DeviceFeatures));
        rig.Write(MmioRegister.DeviceFeaturesSel, 2);
        Assert.Equal(0u, rig.Read(MmioRegister.DeviceFeatures));
        rig.Write(MmioRegister.DeviceFeaturesSel, uint.MaxValue);
        Assert.Equal(0u, rig.Read(MmioRegister.DeviceFeatures));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Driver_features_assemble_from_both_windows_and_are_negotiated_at_features_ok()
    {
        var rig = MmioRig.Create(features: Offered);
        const ulong chosen = VirtioFeatures.Version1 | VirtioFeatures.RingReset | 0x1;
        rig.NegotiateFeatures(chosen);
        Assert.Equal(Acknowledge | Driver | FeaturesOk, (DeviceStatus)rig.Read(MmioRegister.Status));
        Assert.Equal(chosen, rig.Device.NegotiatedFeatures);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Reading_device_features_before_the_selector_is_a_violation()
    {
        var rig = MmioRig.Create(features: Offered);
        Assert.Equal(unchecked((uint)Offered), rig.Read(MmioRegister.DeviceFeatures));
        rig.AssertOnly(TransportRule.FeatureSelectorNotWritten);
    }

    [Fact]
    public void Writing_driver_features_before_the_selector_is_a_violation()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.WriteStatus(Acknowledge);
        rig.WriteStatus(Acknowledge | Driver);
        rig.Write(MmioRegister.DriverFeatures, 1);
        rig.AssertOnly(TransportRule.FeatureSelectorNotWritten);
    }

    [Fact]
    public void Driver_features_before_driver_status_are_a_violation_and_ignored()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.WriteStatus(Acknowledge);
        rig.Write(MmioRegister.DriverFeaturesSel, 0);
        rig.Write(MmioRegister.DriverFeatures, 1);
        rig.AssertOnly(TransportRule.DriverFeaturesOutOfSequence);
    }

    [Fact]
    public void Driver_features_after_features_ok_are_a_violation_and_do_not_change_the_negotiated_set()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.Write(MmioRegister.DriverFeaturesSel, 0);
        rig.Write(MmioRegister.DriverFeatures, 0x5);
        rig.AssertOnly(TransportRule.DriverFeaturesOutOfSequence);
        Assert.Equal(VirtioFeatures.Version1, rig.Device.NegotiatedFeatures);
    }

    [Fact]
    public void Features_ok_with_a_feature_the_device_lacks_is_refused_and_reported()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingPacked);
        rig.AssertOnly(TransportRule.FeatureNotOffered);
        Assert.Equal(Acknowledge | Driver, (DeviceStatus)rig.Read(MmioRegister.Status)); // FEATURES_OK reads back unset
        Assert.Equal(0ul, rig.Device.NegotiatedFeatures);
    }

    [Fact]
    public void Features_ok_with_bits_beyond_64_is_refused_and_reported()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.WriteStatus(Acknowledge);
        rig.WriteStatus(Acknowledge | Driver);
        rig.Write(MmioRegister.DriverFeaturesSel, 1);
        rig.Write(MmioRegister.DriverFeatures, 1); // VERSION_1
        rig.Write(MmioRegister.DriverFeaturesSel, 2);
        rig.Write(MmioRegister.DriverFeatures, 1); // bit 64: nothing offers it
        rig.WriteStatus(Acknowledge | Driver | FeaturesOk);
        rig.AssertOnly(TransportRule.FeatureNotOffered);
        Assert.False(rig.Device.Status.HasFlag(FeaturesOk));
    }

    [Fact]
    public void Features_ok_without_version_1_the_device_offers_is_refused_and_reported()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.NegotiateFeatures(VirtioFeatures.EventIdx);
        rig.AssertOnly(TransportRule.Version1NotAccepted);
        Assert.False(rig.Device.Status.HasFlag(FeaturesOk));
    }

    [Fact]
    public void A_device_without_version_1_refuses_features_ok_without_blaming_the_driver()
    {
        var rig = MmioRig.Create(features: VirtioFeatures.EventIdx);
        rig.NegotiateFeatures(VirtioFeatures.EventIdx);
        Assert.Empty(rig.Log.All);
        Assert.Equal(Acknowledge | Driver, rig.Device.Status);
    }

    [Fact]
    public void A_refused_negotiation_can_be_retried_with_other_features()
    {
        var rig = MmioRig.Create(features: Offered);
        rig.NegotiateFeatures(VirtioFeatures.Version1 | VirtioFeatures.RingPacked);
        rig.Log.All.Clear();
        rig.Write(MmioRegister.DriverFeaturesSel, 1);
        rig.Write(MmioRegister.DriverFeatures, (uint)(VirtioFeatures.Version1 >> 32));
        rig.WriteStatus(Acknowledge | Driver | FeaturesOk);
        Assert.Empty(rig.Log.All);
        Assert.Equal(VirtioFeatures.Version1, rig.Device.NegotiatedFeatures);
    }
}
