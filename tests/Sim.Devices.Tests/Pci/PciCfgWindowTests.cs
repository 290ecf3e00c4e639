using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using C = Sim.Devices.Virtio.Pci.VirtioPciCommonCfg;

namespace Sim.Devices.Tests.Pci;

/// <summary>The VIRTIO_PCI_CAP_PCI_CFG window: BAR accesses through configuration space (virtio 1.2, 4.1.4.8).</summary>
public sealed class PciCfgWindowTests
{
    private const int Cap = PciCapabilityPlacement.PciCfg;

    private static void Aim(PciDevice device, int bar, uint offset, uint length)
    {
        device.WriteConfig(Cap + VirtioPciCap.Bar, 1, (uint)bar);
        device.WriteConfig(Cap + VirtioPciCap.Offset, 4, offset);
        device.WriteConfig(Cap + VirtioPciCap.Length, 4, length);
    }

    [Fact]
    public void Reading_pci_cfg_data_reads_the_bar_through_the_window()
    {
        var rig = PciRig.Create(memorySpace: false); // the window works without Memory Space Enable
        Aim(rig.Device, 4, C.NumQueues, 2);
        Assert.Equal(2u, rig.Device.ReadConfig(Cap + VirtioPciCap.PciCfgData, 4));
        Aim(rig.Device, 4, C.QueueSize, 2);
        Assert.Equal(256u, rig.Device.ReadConfig(Cap + VirtioPciCap.PciCfgData, 2));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Writing_pci_cfg_data_writes_the_bar_through_the_window()
    {
        var rig = PciRig.Create(memorySpace: false);
        Aim(rig.Device, 4, C.DeviceStatus, 1);
        rig.Device.WriteConfig(Cap + VirtioPciCap.PciCfgData, 1, (uint)DeviceStatus.Acknowledge);
        Assert.Equal(DeviceStatus.Acknowledge, rig.Device.Status);
        Assert.Equal(4u, rig.Device.ReadConfig(Cap + VirtioPciCap.Bar, 1));
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(4, C.DeviceStatus, 3u)]           // cap.length is not 1, 2 or 4
    [InlineData(4, C.QueueSelect + 1, 2u)]        // cap.offset not a multiple of cap.length
    [InlineData(4, 0x4000u, 4u)]                  // the MSI-X table: no virtio capability's structure
    [InlineData(0, C.DeviceStatus, 1u)]           // another BAR
    public void A_window_that_does_not_address_a_virtio_structure_is_a_violation(int bar, uint offset, uint length)
    {
        var rig = PciRig.Create();
        Aim(rig.Device, bar, offset, length);
        rig.Device.WriteConfig(Cap + VirtioPciCap.PciCfgData, 4, 1);
        Assert.Equal("virtio 1.2, 4.1.4.8.2", rig.AssertOnly(TransportRule.PciCfgWindowInvalid).Section);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
        Assert.Equal(0UL, rig.Device.MsixEntry(0).Address); // nothing reached the MSI-X table either
        rig.Log.All.Clear();
        Assert.Equal(0u, rig.Device.ReadConfig(Cap + VirtioPciCap.PciCfgData, 4));
        rig.AssertOnly(TransportRule.PciCfgWindowInvalid);
    }
}
