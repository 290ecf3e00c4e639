using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;

namespace Sim.Devices.Tests.Mmio;

/// <summary>The device-specific configuration space and ConfigGeneration (virtio 1.2, 2.5, 4.2.2, 4.2.2.2).</summary>
public sealed class ConfigSpaceTests
{
    private static readonly byte[] Bytes = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];

    [Fact]
    public void Config_space_reads_little_endian_with_1_2_and_4_byte_accesses()
    {
        var rig = MmioRig.Create(config: Bytes);
        Assert.Equal(0x22u, rig.Device.ReadRegister(MmioRegister.Config + 1, 1));
        Assert.Equal(0x4433u, rig.Device.ReadRegister(MmioRegister.Config + 2, 2));
        Assert.Equal(0x88776655u, rig.Device.ReadRegister(MmioRegister.Config + 4, 4));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Config_space_access_of_8_bytes_is_a_width_violation()
    {
        var rig = MmioRig.Create(config: Bytes);
        Assert.Equal(0u, rig.Device.ReadRegister(MmioRegister.Config, 8));
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
    }

    [Fact]
    public void Config_space_access_not_aligned_to_its_width_is_a_violation()
    {
        var rig = MmioRig.Create(config: Bytes);
        Assert.Equal(0u, rig.Device.ReadRegister(MmioRegister.Config + 2, 4));
        rig.AssertOnly(TransportRule.UnalignedConfigAccess);
    }

    [Fact]
    public void Config_space_access_past_the_end_is_a_violation()
    {
        var rig = MmioRig.Create(config: Bytes);
        rig.Device.WriteRegister(MmioRegister.Config + 8, 4, 1);
        rig.AssertOnly(TransportRule.ConfigOutOfRange);
        Assert.Equal(Bytes, rig.Device.ConfigBytes.ToArray());
    }

    [Fact]
    public void Driver_config_writes_land_in_the_space_and_are_announced()
    {
        var rig = MmioRig.Create(config: Bytes);
        var writes = new List<(int, int, uint)>();
        rig.Device.ConfigWritten += (offset, width, value) => writes.Add((offset, width, value));
        rig.Device.WriteRegister(MmioRegister.Config + 6, 2, 0xbeef);
        Assert.Equal([(6, 2, 0xbeefu)], writes);
        Assert.Equal(0xbeefu, rig.Device.ReadRegister(MmioRegister.Config + 6, 2));
        Assert.Equal(0u, rig.Device.ConfigGeneration); // the driver's own write is no inconsistency
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Device_config_change_bumps_the_generation_and_interrupts_after_driver_ok()
    {
        var rig = MmioRig.Create(config: Bytes);
        rig.Device.UpdateConfig(0, [0xaa]);
        Assert.Equal(1u, rig.Read(MmioRegister.ConfigGeneration));
        Assert.False(rig.Device.InterruptAsserted); // no driver running yet

        rig.Running();
        rig.Device.UpdateConfig(4, [1, 2, 3, 4]);
        Assert.Equal(2u, rig.Read(MmioRegister.ConfigGeneration));
        Assert.Equal((uint)MmioInterrupt.ConfigChange, rig.Read(MmioRegister.InterruptStatus));
        Assert.Equal(0x04030201u, rig.Device.ReadRegister(MmioRegister.Config + 4, 4));
    }

    [Fact]
    public void Device_config_change_that_does_not_fit_throws()
    {
        var rig = MmioRig.Create(config: Bytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Device.UpdateConfig(6, [1, 2, 3]));
    }
}
