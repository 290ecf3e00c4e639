using Sim.Core.Time;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// The device side of the virtio lifecycle, through the transport's registers with every backend access recorded: a
/// reset drops every queue and request and the device serves the rings set up afterwards, never the old ones (virtio
/// 1.2, 2.4); nothing is consumed before DRIVER_OK (2.1.2); after DEVICE_NEEDS_RESET nothing is served until a reset and
/// re-initialisation; a queue reset drops that queue alone (2.6.1).
/// </summary>
public class DeviceLifecycleTests
{
    [Theory]
    [InlineData("mmio")]
    [InlineData("pci")]
    public void After_a_reset_and_set_up_on_new_rings_the_device_serves_the_new_rings_and_never_touches_the_old(string transport)
    {
        var rig = new LifecycleRig(transport)
            .At(0, r => { r.Initialise(LifecycleRig.RingsA); r.AddRead(0); r.AddRead(1); r.Kick(); })
            .At(500, r => { Assert.True(r.Transport.Driver.Reset()); r.Initialise(LifecycleRig.RingsB); r.AddRead(2); r.Kick(); })
            .Run();

        Assert.Empty(rig.Findings);
        Assert.Equal(2, rig.UsedIndex(LifecycleRig.RingsA));
        Assert.Equal(1, rig.UsedIndex(LifecycleRig.RingsB));
        Assert.Equal(3, rig.BackendMetric("requests"));
        Assert.Equal(1, rig.BackendMetric("resets"));
        var reset = SimTime.FromMicroseconds(500);
        Assert.DoesNotContain(rig.Accesses, a => a.Time >= reset && LifecycleRig.InRings(LifecycleRig.RingsA, a.Address, a.Length));
        Assert.Contains(rig.Accesses, a => a.Time >= reset && LifecycleRig.InRings(LifecycleRig.RingsB, a.Address, a.Length));
        Assert.All(rig.Accesses, a => Assert.True(a.Allowed));
    }

    [Theory]
    [InlineData("mmio")]
    [InlineData("pci")]
    public void A_request_in_flight_at_a_reset_is_dropped_its_used_element_never_written_and_its_mappings_released(string transport)
    {
        // The read takes 80 us in the store; the reset comes 20 us after the kick.
        var rig = new LifecycleRig(transport)
            .At(0, r => { r.Initialise(LifecycleRig.RingsA); r.AddRead(0); r.Kick(); })
            .At(20, r => { Assert.True(r.Transport.Driver.Reset()); r.Initialise(LifecycleRig.RingsB); })
            .Run();

        Assert.Empty(rig.Findings);
        Assert.Equal(0, rig.UsedIndex(LifecycleRig.RingsA));
        Assert.Equal(0, rig.UsedIndex(LifecycleRig.RingsB));
        Assert.Equal(0, rig.BackendMetric("requests"));
        Assert.Equal(0, rig.Platform.OpenRequests);
        Assert.DoesNotContain(rig.Accesses, a => a.Time >= SimTime.FromMicroseconds(20));
        Assert.True(rig.Driver.StopAnswers >= 1);
    }

    [Fact]
    public void A_kick_before_DRIVER_OK_is_ignored_and_nothing_is_touched()
    {
        // Features accepted and the queue made ready, but DRIVER_OK never written; a notification the transport would
        // refuse reaches the backend anyway (a stale one, as after a reset): the backend must not serve the queue.
        var rig = new LifecycleRig("mmio")
            .At(0, r =>
            {
                var bus = (IMmioBus)r.Transport.Device;
                bus.Write(MmioRegister.Status, 4, (uint)DeviceStatus.Acknowledge);
                bus.Write(MmioRegister.Status, 4, (uint)(DeviceStatus.Acknowledge | DeviceStatus.Driver));
                bus.Write(MmioRegister.DriverFeaturesSel, 4, 1);
                bus.Write(MmioRegister.DriverFeatures, 4, (uint)((VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform) >> 32));
                bus.Write(MmioRegister.Status, 4, (uint)(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk));
                var rings = LifecycleRig.Rings(LifecycleRig.RingsA);
                bus.Write(MmioRegister.QueueSel, 4, 0);
                bus.Write(MmioRegister.QueueNum, 4, LifecycleRig.QueueSize);
                bus.Write(MmioRegister.QueueDescLow, 4, (uint)rings.DescriptorArea);
                bus.Write(MmioRegister.QueueDriverLow, 4, (uint)rings.DriverArea);
                bus.Write(MmioRegister.QueueDeviceLow, 4, (uint)rings.DeviceArea);
                bus.Write(MmioRegister.QueueReady, 4, 1);
                Assert.NotNull(r.Transport.Device.GetQueueConfig(0));
                r.Memory.WriteUInt16(rings.DriverArea + 2, 1);   // an available index the device must not look at
                r.Driver.ToBackend(Sim.Devices.Common.QueueKick.For(0));
            })
            .Run();

        Assert.Equal(1, rig.BackendMetric("kicksIgnored"));
        Assert.Empty(rig.Accesses);
        Assert.Equal(0, rig.BackendMetric("requests"));
    }

    [Theory]
    [InlineData("mmio")]
    [InlineData("pci")]
    public void After_DEVICE_NEEDS_RESET_nothing_is_served_until_a_reset_and_reinitialisation(string transport)
    {
        var rig = new LifecycleRig(transport)
            .At(0, r =>
            {
                r.Initialise(LifecycleRig.RingsA);
                r.Memory.WriteUInt16(LifecycleRig.Rings(LifecycleRig.RingsA).DriverArea + 2, 100);   // 100 chains in a ring of 16
                r.Kick();
            })
            .At(100, r => { r.Memory.WriteUInt16(LifecycleRig.Rings(LifecycleRig.RingsA).DriverArea + 2, 0); r.AddRead(0); r.Kick(); })
            .At(300, r => { Assert.True(r.Transport.Driver.Reset()); r.Initialise(LifecycleRig.RingsB); r.AddRead(1); r.Kick(); })
            .Run();

        Assert.Single(rig.Findings);
        Assert.Equal(0, rig.UsedIndex(LifecycleRig.RingsA));
        Assert.Equal(1, rig.UsedIndex(LifecycleRig.RingsB));
        Assert.Equal(1, rig.BackendMetric("requests"));
        Assert.True(rig.BackendMetric("kicksIgnored") >= 1);
        Assert.DoesNotContain(rig.Accesses, a => a.Time >= SimTime.FromMicroseconds(100) && a.Time < SimTime.FromMicroseconds(300));
        Assert.Equal(DeviceStatus.DriverOk, rig.Transport.Device.Status & (DeviceStatus.DriverOk | DeviceStatus.DeviceNeedsReset));
    }

    [Theory]
    [InlineData("mmio")]
    [InlineData("pci")]
    public void A_queue_reset_drops_the_queues_requests_and_the_device_serves_the_queue_set_up_again(string transport)
    {
        const ulong wanted = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | VirtioFeatures.RingReset;
        var rig = new LifecycleRig(transport, VirtioFeatures.RingReset)
            .At(0, r => { r.Initialise(LifecycleRig.RingsA, wanted); r.AddRead(0); r.Kick(); })
            .At(20, r => Assert.True(r.Transport.Driver.ResetQueue(0)))
            .Run();

        Assert.Empty(rig.Findings);
        Assert.Null(rig.Transport.Device.GetQueueConfig(0));
        Assert.Equal(0, rig.UsedIndex(LifecycleRig.RingsA));
        Assert.Equal(0, rig.BackendMetric("requests"));
        Assert.Equal(0, rig.Platform.OpenRequests);
        Assert.DoesNotContain(rig.Accesses, a => a.Time >= SimTime.FromMicroseconds(20));
    }
}
