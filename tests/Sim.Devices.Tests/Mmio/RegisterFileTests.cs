using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Register values after reset and the access rules of virtio 1.2, 4.2.2.2.</summary>
public sealed class RegisterFileTests
{
    [Fact]
    public void Registers_after_reset_hold_magic_version_ids_and_queue_sizes()
    {
        var rig = MmioRig.Create(queueNumMax: [256, 64, 0]);

        Assert.Equal(0x74726976u, rig.Read(MmioRegister.MagicValue));
        Assert.Equal(2u, rig.Read(MmioRegister.Version));
        Assert.Equal(MmioRig.BlockDeviceId, rig.Read(MmioRegister.DeviceId));
        Assert.Equal(MmioRig.Vendor, rig.Read(MmioRegister.VendorId));
        Assert.Equal(0u, rig.Read(MmioRegister.Status));
        Assert.Equal(0u, rig.Read(MmioRegister.InterruptStatus));
        Assert.Equal(0u, rig.Read(MmioRegister.ConfigGeneration));
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReset));
        Assert.Equal(uint.MaxValue, rig.Read(MmioRegister.ShmLenLow)); // no shared memory region: length -1

        uint[] expectedMax = [256, 64, 0, 0]; // queue 2 unavailable, queue 3 does not exist
        for (uint q = 0; q < expectedMax.Length; q++)
        {
            rig.Write(MmioRegister.QueueSel, q);
            Assert.Equal(expectedMax[q], rig.Read(MmioRegister.QueueNumMax));
            Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));
        }
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Writing_status_zero_returns_every_register_to_its_initial_value()
    {
        var rig = MmioRig.Create().Running();
        rig.Write(MmioRegister.QueueSel, 1);
        rig.Device.RaiseUsedBufferInterrupt(0);
        int resets = 0;
        rig.Device.DeviceReset += () => resets++;

        rig.WriteStatus(DeviceStatus.None);

        Assert.Equal(1, resets);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
        Assert.Equal(0ul, rig.Device.NegotiatedFeatures);
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal(0u, rig.Read(MmioRegister.InterruptStatus));
        Assert.Null(rig.Device.GetQueueConfig(0));
        Assert.Equal(256u, rig.Read(MmioRegister.QueueNumMax)); // QueueSel back to 0 ...
        Assert.Equal(0u, rig.Read(MmioRegister.QueueReady));    // ... and queue 0 no longer ready
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Control_register_read_with_a_width_other_than_4_is_a_violation(int width)
    {
        var rig = MmioRig.Create();
        Assert.Equal(0u, rig.Device.ReadRegister(MmioRegister.MagicValue, width));
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
    }

    [Fact]
    public void Control_register_write_with_a_width_other_than_4_is_a_violation_and_ignored()
    {
        var rig = MmioRig.Create();
        rig.Device.WriteRegister(MmioRegister.Status, 1, (uint)DeviceStatus.Acknowledge);
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
    }

    [Theory]
    [InlineData(MmioRegister.LegacyQueuePfn)]
    [InlineData(MmioRegister.LegacyGuestPageSize)]
    [InlineData(0x0f0ul)]
    [InlineData(0x072ul)]
    public void Access_to_an_offset_outside_the_register_table_is_a_violation(ulong offset)
    {
        var rig = MmioRig.Create();
        Assert.Equal(0u, rig.Read(offset));
        rig.AssertOnly(TransportRule.UndefinedRegister);
    }

    [Fact]
    public void Reading_a_write_only_register_is_a_violation()
    {
        var rig = MmioRig.Create();
        Assert.Equal(0u, rig.Read(MmioRegister.QueueNotify));
        rig.AssertOnly(TransportRule.ReadOfWriteOnlyRegister);
    }

    [Fact]
    public void Writing_a_read_only_register_is_a_violation_and_ignored()
    {
        var rig = MmioRig.Create();
        rig.Write(MmioRegister.MagicValue, 0);
        rig.AssertOnly(TransportRule.WriteToReadOnlyRegister);
        Assert.Equal(MmioRegister.MmioMagic, rig.Read(MmioRegister.MagicValue));
    }

    [Fact]
    public void Illegal_status_write_through_the_register_is_reported_and_ignored()
    {
        var rig = MmioRig.Create();
        rig.WriteStatus(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk);
        rig.AssertOnly(TransportRule.StatusOutOfOrder);
        Assert.Equal(0u, rig.Read(MmioRegister.Status));
    }

    [Fact]
    public void Status_changes_are_announced_with_before_and_after()
    {
        var rig = MmioRig.Create();
        var seen = new List<(DeviceStatus, DeviceStatus)>();
        rig.Device.StatusChanged += (before, after) => seen.Add((before, after));
        rig.WriteStatus(DeviceStatus.Acknowledge);
        rig.Device.SetNeedsReset();
        Assert.Equal([(DeviceStatus.None, DeviceStatus.Acknowledge), (DeviceStatus.Acknowledge, DeviceStatus.Acknowledge | DeviceStatus.DeviceNeedsReset)], seen);
    }
}
