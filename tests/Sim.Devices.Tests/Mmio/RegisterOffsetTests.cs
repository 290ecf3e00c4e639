using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;

namespace Sim.Devices.Tests.Mmio;

/// <summary>The register map and bit values agree with Linux's uapi headers.</summary>
public sealed class RegisterOffsetTests
{
    // Values copied by hand from /usr/include/linux/virtio_mmio.h (Debian linux-libc-dev) on this machine.
    // VIRTIO_MMIO_QUEUE_RESET is not in that header version; 0x0c0 comes from the virtio 1.2 table (4.2.2).
    public static TheoryData<string, ulong, ulong> Offsets => new()
    {
        { "VIRTIO_MMIO_MAGIC_VALUE", MmioRegister.MagicValue, 0x000 },
        { "VIRTIO_MMIO_VERSION", MmioRegister.Version, 0x004 },
        { "VIRTIO_MMIO_DEVICE_ID", MmioRegister.DeviceId, 0x008 },
        { "VIRTIO_MMIO_VENDOR_ID", MmioRegister.VendorId, 0x00c },
        { "VIRTIO_MMIO_DEVICE_FEATURES", MmioRegister.DeviceFeatures, 0x010 },
        { "VIRTIO_MMIO_DEVICE_FEATURES_SEL", MmioRegister.DeviceFeaturesSel, 0x014 },
        { "VIRTIO_MMIO_DRIVER_FEATURES", MmioRegister.DriverFeatures, 0x020 },
        { "VIRTIO_MMIO_DRIVER_FEATURES_SEL", MmioRegister.DriverFeaturesSel, 0x024 },
        { "VIRTIO_MMIO_GUEST_PAGE_SIZE", MmioRegister.LegacyGuestPageSize, 0x028 },
        { "VIRTIO_MMIO_QUEUE_SEL", MmioRegister.QueueSel, 0x030 },
        { "VIRTIO_MMIO_QUEUE_NUM_MAX", MmioRegister.QueueNumMax, 0x034 },
        { "VIRTIO_MMIO_QUEUE_NUM", MmioRegister.QueueNum, 0x038 },
        { "VIRTIO_MMIO_QUEUE_ALIGN", MmioRegister.LegacyQueueAlign, 0x03c },
        { "VIRTIO_MMIO_QUEUE_PFN", MmioRegister.LegacyQueuePfn, 0x040 },
        { "VIRTIO_MMIO_QUEUE_READY", MmioRegister.QueueReady, 0x044 },
        { "VIRTIO_MMIO_QUEUE_NOTIFY", MmioRegister.QueueNotify, 0x050 },
        { "VIRTIO_MMIO_INTERRUPT_STATUS", MmioRegister.InterruptStatus, 0x060 },
        { "VIRTIO_MMIO_INTERRUPT_ACK", MmioRegister.InterruptAck, 0x064 },
        { "VIRTIO_MMIO_STATUS", MmioRegister.Status, 0x070 },
        { "VIRTIO_MMIO_QUEUE_DESC_LOW", MmioRegister.QueueDescLow, 0x080 },
        { "VIRTIO_MMIO_QUEUE_DESC_HIGH", MmioRegister.QueueDescHigh, 0x084 },
        { "VIRTIO_MMIO_QUEUE_AVAIL_LOW", MmioRegister.QueueDriverLow, 0x090 },
        { "VIRTIO_MMIO_QUEUE_AVAIL_HIGH", MmioRegister.QueueDriverHigh, 0x094 },
        { "VIRTIO_MMIO_QUEUE_USED_LOW", MmioRegister.QueueDeviceLow, 0x0a0 },
        { "VIRTIO_MMIO_QUEUE_USED_HIGH", MmioRegister.QueueDeviceHigh, 0x0a4 },
        { "VIRTIO_MMIO_SHM_SEL", MmioRegister.ShmSel, 0x0ac },
        { "VIRTIO_MMIO_SHM_LEN_LOW", MmioRegister.ShmLenLow, 0x0b0 },
        { "VIRTIO_MMIO_SHM_LEN_HIGH", MmioRegister.ShmLenHigh, 0x0b4 },
        { "VIRTIO_MMIO_SHM_BASE_LOW", MmioRegister.ShmBaseLow, 0x0b8 },
        { "VIRTIO_MMIO_SHM_BASE_HIGH", MmioRegister.ShmBaseHigh, 0x0bc },
        { "virtio 1.2 table: QueueReset", MmioRegister.QueueReset, 0x0c0 },
        { "VIRTIO_MMIO_CONFIG_GENERATION", MmioRegister.ConfigGeneration, 0x0fc },
        { "VIRTIO_MMIO_CONFIG", MmioRegister.Config, 0x100 },
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Register_offset_matches_virtio_mmio_h(string headerName, ulong offset, ulong expected)
    {
        Assert.True(offset == expected, $"{headerName}: 0x{offset:x3}, header says 0x{expected:x3}");
    }

    [Fact]
    public void Magic_interrupt_and_status_bits_match_the_headers()
    {
        Assert.Equal(0x74726976u, MmioRegister.MmioMagic);
        Assert.Equal("virt", System.Text.Encoding.ASCII.GetString(BitConverter.GetBytes(MmioRegister.MmioMagic)));
        Assert.Equal(1u << 0, (uint)MmioInterrupt.UsedBuffer);   // VIRTIO_MMIO_INT_VRING
        Assert.Equal(1u << 1, (uint)MmioInterrupt.ConfigChange); // VIRTIO_MMIO_INT_CONFIG
        // /usr/include/linux/virtio_config.h: VIRTIO_CONFIG_S_*; SUSPEND (16) is from the spec draft, not this header.
        Assert.Equal(1, (int)DeviceStatus.Acknowledge);
        Assert.Equal(2, (int)DeviceStatus.Driver);
        Assert.Equal(4, (int)DeviceStatus.DriverOk);
        Assert.Equal(8, (int)DeviceStatus.FeaturesOk);
        Assert.Equal(16, (int)DeviceStatus.Suspend);
        Assert.Equal(0x40, (int)DeviceStatus.DeviceNeedsReset);
        Assert.Equal(0x80, (int)DeviceStatus.Failed);
    }

    [Fact]
    public void Every_version_2_register_is_described_and_legacy_ones_are_not()
    {
        foreach (var row in Offsets)
        {
            ulong offset = (ulong)row[1];
            bool legacy = offset is MmioRegister.LegacyGuestPageSize or MmioRegister.LegacyQueueAlign or MmioRegister.LegacyQueuePfn;
            bool described = MmioRegister.TryDescribe(offset, out _, out _);
            Assert.Equal(!legacy && offset != MmioRegister.Config, described);
        }
        Assert.False(MmioRegister.TryDescribe(0x072, out _, out _));
    }

    [Fact]
    public void Every_transport_rule_has_a_distinct_name_and_a_section()
    {
        var described = Enum.GetValues<TransportRule>().Select(TransportRules.Describe).ToList();
        Assert.Equal(described.Count, described.Select(d => d.Name).Distinct().Count());
        Assert.All(described, d => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", d.Name));
        Assert.All(described, d => Assert.StartsWith("virtio ", d.Section));
    }
}
