using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;

namespace Sim.Devices.Tests.Pci;

/// <summary>
/// The function's configuration space: the type-0 header (virtio 1.2, 4.1.2), the capability list QEMU's placement
/// gives (4.1.4), the BAR layout, and what a driver may and may not write there (4.1.4.1; PCI 3.0, 6.1-6.2).
/// </summary>
public sealed class CapabilityLayoutTests
{
    [Fact]
    public void Header_identifies_a_non_transitional_virtio_function()
    {
        var device = PciRig.Create(deviceId: 1, memorySpace: false).Device;
        Assert.Equal(0x1af4u, device.ReadConfig(PciConfigHeader.VendorId, 2));
        Assert.Equal(0x1041u, device.ReadConfig(PciConfigHeader.DeviceId, 2));
        Assert.Equal(1u, device.ReadConfig(PciConfigHeader.RevisionId, 1));
        Assert.Equal(0x020000u, device.ReadConfig(PciConfigHeader.RevisionId, 4) >> 8); // network controller, as QEMU's virtio-net-pci
        Assert.Equal(0u, device.ReadConfig(PciConfigHeader.HeaderType, 1));
        Assert.Equal(PciRig.SubsystemVendor, device.ReadConfig(PciConfigHeader.SubsystemVendorId, 2));
        Assert.Equal(0x1100u, device.ReadConfig(PciConfigHeader.SubsystemId, 2));
        Assert.True(device.ReadConfig(PciConfigHeader.SubsystemId, 2) >= 0x40);
        Assert.Equal(PciConfigHeader.StatusCapabilityList, device.ReadConfig(PciConfigHeader.Status, 2));
        Assert.Equal(0x98u, device.ReadConfig(PciConfigHeader.CapabilityList, 1));
        Assert.Equal(1u, device.ReadConfig(PciConfigHeader.InterruptPin, 1));
        Assert.Equal(0u, device.ReadConfig(PciConfigHeader.Command, 2));
    }

    [Fact]
    public void The_capability_list_is_QEMUs_msix_then_pci_cfg_notify_device_isr_common()
    {
        var device = PciRig.Create().Device;
        var walk = new List<string>();
        for (int at = (int)device.ReadConfig(PciConfigHeader.CapabilityList, 1); at != 0; at = (int)device.ReadConfig(at + PciConfigHeader.CapabilityNext, 1))
        {
            byte id = (byte)device.ReadConfig(at + PciConfigHeader.CapabilityId, 1);
            walk.Add(id == PciConfigHeader.CapabilityIdVendor ? $"0x{at:x2} {(VirtioPciCfgType)device.ReadConfig(at + VirtioPciCap.CfgType, 1)}" : $"0x{at:x2} id 0x{id:x2}");
        }
        Assert.Equal(["0x98 id 0x11", "0x84 PciCfg", "0x70 Notify", "0x60 Device", "0x50 Isr", "0x40 Common"], walk);
    }

    [Theory]
    [InlineData(PciCapabilityPlacement.Common, VirtioPciCfgType.Common, 16, 0x0000u, 60u)]
    [InlineData(PciCapabilityPlacement.Isr, VirtioPciCfgType.Isr, 16, 0x1000u, 1u)]
    [InlineData(PciCapabilityPlacement.Device, VirtioPciCfgType.Device, 16, 0x2000u, 16u)]
    [InlineData(PciCapabilityPlacement.Notify, VirtioPciCfgType.Notify, 20, 0x3000u, 8u)]
    public void Each_structure_capability_points_into_bar_4_on_its_own_page(int at, VirtioPciCfgType type, int capLen, uint offset, uint length)
    {
        var device = PciRig.Create().Device; // two queues, 16 bytes of device configuration
        Assert.Equal(PciConfigHeader.CapabilityIdVendor, device.ReadConfig(at + VirtioPciCap.Vndr, 1));
        Assert.Equal((uint)capLen, device.ReadConfig(at + VirtioPciCap.Len, 1));
        Assert.Equal((uint)type, device.ReadConfig(at + VirtioPciCap.CfgType, 1));
        Assert.Equal(4u, device.ReadConfig(at + VirtioPciCap.Bar, 1));
        Assert.Equal(0u, device.ReadConfig(at + VirtioPciCap.Id, 1));
        Assert.Equal(offset, device.ReadConfig(at + VirtioPciCap.Offset, 4));
        Assert.Equal(length, device.ReadConfig(at + VirtioPciCap.Length, 4));
    }

    [Fact]
    public void Notify_multiplier_is_4_and_every_queue_has_room_for_a_32_bit_notification()
    {
        var rig = PciRig.Create(queueSizeMax: [256, 256, 64]);
        uint multiplier = rig.Device.ReadConfig(PciCapabilityPlacement.Notify + VirtioPciCap.NotifyOffMultiplier, 4);
        uint length = rig.Device.ReadConfig(PciCapabilityPlacement.Notify + VirtioPciCap.Length, 4);
        Assert.Equal(4u, multiplier);
        for (ushort q = 0; q < 3; q++)
        {
            rig.WriteCommon(VirtioPciCommonCfg.QueueSelect, 2, q);
            uint notifyOff = rig.ReadCommon(VirtioPciCommonCfg.QueueNotifyOff, 2);
            Assert.Equal(q, notifyOff);
            Assert.True(length >= notifyOff * multiplier + 4, $"queue {q}: cap.length {length} < {notifyOff} × {multiplier} + 4 (4.1.4.4.1)");
        }
    }

    [Fact]
    public void Msix_capability_announces_the_table_and_pba_in_bar_4()
    {
        var device = PciRig.Create(queueSizeMax: [256, 256, 256]).Device;
        int msix = PciCapabilityPlacement.Msix;
        Assert.Equal(PciConfigHeader.CapabilityIdMsix, device.ReadConfig(msix, 1));
        Assert.Equal(3u, device.ReadConfig(msix + MsixCapability.MessageControl, 2)); // 4 vectors, disabled, not masked
        Assert.Equal(0x4000u | 4, device.ReadConfig(msix + MsixCapability.Table, 4));
        Assert.Equal(0x5000u | 4, device.ReadConfig(msix + MsixCapability.Pba, 4));
        Assert.Equal(new BarRegion(0x4000, 4 * 16), device.Layout.MsixTable);
        Assert.Equal(new BarRegion(0x5000, 8), device.Layout.MsixPba);
        Assert.Equal(0x8000UL, device.Layout.Size);
        for (int vector = 0; vector < 4; vector++) Assert.True(device.MsixEntry(vector).Masked, "a table entry is masked after reset (PCI 3.0, 6.8.2)");
    }

    [Fact]
    public void A_function_without_msix_starts_its_list_at_the_pci_cfg_capability()
    {
        var device = PciRig.Create(options: new PciDeviceOptions { MsixVectors = 0 }).Device;
        Assert.False(device.HasMsix);
        Assert.Equal((uint)PciCapabilityPlacement.PciCfg, device.ReadConfig(PciConfigHeader.CapabilityList, 1));
        Assert.Equal(0x4000UL, device.Layout.Size);
    }

    [Fact]
    public void Bar_4_is_a_64_bit_memory_bar_that_firmware_can_size()
    {
        var device = PciRig.Create().Device;
        int bar = PciConfigHeader.Bar(4);
        Assert.Equal(PciConfigHeader.BarMemoryType64, device.ReadConfig(bar, 4));
        device.WriteConfig(bar, 4, uint.MaxValue);
        device.WriteConfig(bar + 4, 4, uint.MaxValue);
        Assert.Equal(~(uint)(device.Layout.Size - 1) | PciConfigHeader.BarMemoryType64, device.ReadConfig(bar, 4));
        Assert.Equal(uint.MaxValue, device.ReadConfig(bar + 4, 4));
        device.WriteConfig(bar, 4, 0xfebf_0000);
        device.WriteConfig(bar + 4, 4, 0);
        Assert.Equal(0xfebf_0000u | PciConfigHeader.BarMemoryType64, device.ReadConfig(bar, 4));
        Assert.Equal(0u, device.ReadConfig(PciConfigHeader.Bar(0), 4)); // unimplemented BARs read 0
    }

    [Fact]
    public void Read_only_header_fields_ignore_writes_without_a_violation()
    {
        var rig = PciRig.Create();
        rig.Device.WriteConfig(PciConfigHeader.VendorId, 4, 0x1234_5678);
        rig.Device.WriteConfig(PciConfigHeader.InterruptLine, 1, 11);
        Assert.Equal(0x1af4u, rig.Device.ReadConfig(PciConfigHeader.VendorId, 2));
        Assert.Equal(0x1042u, rig.Device.ReadConfig(PciConfigHeader.DeviceId, 2));
        Assert.Equal(11u, rig.Device.ReadConfig(PciConfigHeader.InterruptLine, 1));
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(PciCapabilityPlacement.Common + VirtioPciCap.Offset, 4)]
    [InlineData(PciCapabilityPlacement.Notify + VirtioPciCap.NotifyOffMultiplier, 4)]
    [InlineData(PciCapabilityPlacement.Isr + VirtioPciCap.CfgType, 1)]
    [InlineData(PciCapabilityPlacement.PciCfg + VirtioPciCap.Id, 1)]
    public void Writing_a_virtio_capability_is_a_violation_and_changes_nothing(int offset, int width)
    {
        var rig = PciRig.Create();
        uint before = rig.Device.ReadConfig(offset, width);
        rig.Device.WriteConfig(offset, width, 0x55);
        rig.AssertOnly(TransportRule.CapabilityWritten);
        Assert.Equal(before, rig.Device.ReadConfig(offset, width));
    }

    [Theory]
    [InlineData(0x02, 4)]
    [InlineData(0x01, 2)]
    [InlineData(0x10, 3)]
    [InlineData(0x10, 8)]
    public void Misaligned_or_odd_width_configuration_accesses_are_violations(int offset, int width)
    {
        var rig = PciRig.Create();
        Assert.Equal(0u, rig.Device.ReadConfig(offset, width));
        var violation = rig.AssertOnly(TransportRule.RegisterAccessWidth);
        Assert.StartsWith("virtio 1.2, 4.1.1 ([PCI] 6.1", violation.Section);
    }

    [Fact]
    public void A_configuration_access_past_256_bytes_is_a_violation()
    {
        var rig = PciRig.Create();
        rig.Device.WriteConfig(0x100, 4, 1);
        rig.AssertOnly(TransportRule.UndefinedRegister);
    }

    [Fact]
    public void Layout_puts_each_structure_on_its_own_page_and_sizes_the_bar_to_a_power_of_two()
    {
        var layout = PciBarLayout.For(queueCount: 300, configLength: 4096, msixVectors: 301);
        Assert.Equal(new BarRegion(0, 60), layout.Common);
        Assert.Equal(new BarRegion(0x1000, 1), layout.Isr);
        Assert.Equal(new BarRegion(0x2000, 4096), layout.Device);
        Assert.Equal(new BarRegion(0x3000, 1200), layout.Notify);
        Assert.Equal(new BarRegion(0x4000, 301 * 16), layout.MsixTable);
        Assert.Equal(new BarRegion(0x6000, 40), layout.MsixPba); // table rounds up to two pages; ceil(301/64) = 5 words
        Assert.Equal(0x8000UL, layout.Size);
        Assert.Equal(0x3000UL + 299 * 4, layout.NotifyAddress(299));
    }

    [Fact]
    public void Device_model_misuse_throws()
    {
        var log = new Sim.Devices.Tests.Mmio.ViolationLog();
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(0, 1, 0, [16], [], log));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(64, 1, 0, [16], [], log));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(2, 1, 0, [100], [], log));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(2, 1, 0, [16], new byte[4097], log));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(2, 1, 0, [16], [], log, new PciDeviceOptions { MsixVectors = 2049 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciDevice(2, 1, 0, new ushort[1025], [], log));
        var device = new PciDevice(2, 1, 0, [16], new byte[8], log);
        Assert.Throws<ArgumentOutOfRangeException>(() => device.UpdateConfig(6, new byte[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => device.RaiseUsedBufferInterrupt(1));
        Assert.Empty(log.All);
    }
}
