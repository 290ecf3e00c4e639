using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// PROBE (virtio 1.2, 5.13.6.8): the device answers with one RESV_MEM property per reserved region in the byte layout
/// of <c>struct virtio_iommu_probe_resv_mem</c>; the driver (the IOMMU sharing mechanism) probes its endpoint before
/// ATTACH and keeps every IOVA it maps, and the rings it identity-maps, out of the reserved regions.
/// </summary>
public sealed class IommuProbeTests
{
    private static readonly IommuReservedRegion Low = new(1UL << 40, (1UL << 40) + 0xFFFF, IommuReservedKind.Reserved);

    private static IommuDevice Device(uint probeSize = 128, params IommuReservedRegion[] regions) =>
        new(new IommuDeviceOptions { Endpoints = [1], ProbeSize = probeSize, ReservedRegions = regions });

    [Fact]
    public void A_resv_mem_property_has_the_linux_byte_layout_and_the_rest_of_the_buffer_is_zero()
    {
        var properties = new byte[64];
        properties.AsSpan().Fill(0xAA);
        Assert.True(IommuProbeProperties.TryWrite(properties, [IommuReservedRegion.X86Msi]));
        byte[] expected =
        [
            0x01, 0x00, 0x14, 0x00,                          // type RESV_MEM, length 20
            0x01, 0x00, 0x00, 0x00,                          // subtype MSI, reserved
            0x00, 0x00, 0xE0, 0xFE, 0x00, 0x00, 0x00, 0x00,  // start 0xfee00000
            0xFF, 0xFF, 0xEF, 0xFE, 0x00, 0x00, 0x00, 0x00,  // end 0xfeefffff
        ];
        Assert.Equal(expected, properties[..24]);
        Assert.All(properties[24..], b => Assert.Equal(0, b));
        Assert.False(IommuProbeProperties.TryWrite(new byte[47], [IommuReservedRegion.X86Msi, Low]));
    }

    [Fact]
    public void The_driver_reads_back_what_the_device_wrote_skips_unknown_properties_and_names_malformed_ones()
    {
        var properties = new byte[128];
        Assert.True(IommuProbeProperties.TryWrite(properties.AsSpan(8), [IommuReservedRegion.X86Msi, Low]));
        BinaryPrimitives.WriteUInt16LittleEndian(properties, 0x0ABC);   // an unknown type with a 4-byte value, skipped
        BinaryPrimitives.WriteUInt16LittleEndian(properties.AsSpan(2), 4);
        Assert.Equal([IommuReservedRegion.X86Msi, Low], IommuProbeProperties.Read(properties, out string? problem));
        Assert.Null(problem);

        BinaryPrimitives.WriteUInt16LittleEndian(properties.AsSpan(8 + 2), 16);
        Assert.Empty(IommuProbeProperties.Read(properties, out problem));
        Assert.Contains("length 16, expected 20", problem);

        BinaryPrimitives.WriteUInt16LittleEndian(properties.AsSpan(8 + 2), 20);
        Assert.Empty(IommuProbeProperties.Read(properties.AsSpan(8, 20), out problem));
        Assert.Contains("runs past the 20-byte buffer", problem);
    }

    [Fact]
    public void The_device_offers_probe_only_with_a_probe_size_and_checks_endpoint_and_buffer()
    {
        Assert.Equal(0UL, Device(probeSize: 0).OfferedFeatures & (1UL << IommuFeatures.Probe));
        var device = Device(128, IommuReservedRegion.X86Msi);
        Assert.NotEqual(0UL, device.OfferedFeatures & (1UL << IommuFeatures.Probe));

        byte[] request = IommuRequests.EncodeProbe(1, 128);
        Assert.Equal(IommuStatus.Ok, device.Execute(request));
        Assert.Equal([IommuReservedRegion.X86Msi], IommuProbeProperties.Read(request.AsSpan(IommuLayout.Probe.Properties, 128), out _));
        Assert.Equal(IommuStatus.Ok, IommuRequests.ReadStatus(request));

        Assert.Equal(IommuStatus.NoEnt, device.Execute(IommuRequests.EncodeProbe(7, 128)));
        Assert.Equal(IommuStatus.Inval, device.Execute(IommuRequests.EncodeProbe(1, 64)));   // smaller than probe_size
        Assert.Equal(IommuStatus.Unsupp, Device(probeSize: 0).Execute(IommuRequests.EncodeProbe(1, 128)));
    }

    [Fact]
    public void The_sharing_mechanism_probes_before_attach_and_maps_no_iova_in_a_reserved_region()
    {
        var device = Device(128, IommuReservedRegion.X86Msi, Low);
        var (iommu, counters) = Sharing(device);
        Assert.Equal([IommuReservedRegion.X86Msi, Low], iommu.ReservedRegions);
        Assert.Equal(2, counters.IommuRequests);   // PROBE, then ATTACH
        Assert.Equal(1u, device.DomainOf(1));

        var first = iommu.Map(0x10000, 4096, DmaDirection.ToDevice).Buffer;
        Assert.Equal(Low.End + 1, first.DmaAddress);   // the first IOVA the allocator would give is reserved: skipped
        var second = iommu.Map(0x20000, 3 * 4096, DmaDirection.FromDevice).Buffer;
        Assert.All(new[] { first, second }, b =>
            Assert.DoesNotContain(iommu.ReservedRegions, r => r.Overlaps(b.DmaAddress, b.DmaAddress + b.Length - 1)));
    }

    [Fact]
    public void Rings_in_a_reserved_region_cannot_be_identity_mapped()
    {
        var device = Device(128, new IommuReservedRegion(0x4000, 0x7FFF, IommuReservedKind.Msi));
        var (iommu, _) = Sharing(device);
        var e = Assert.Throws<InvalidOperationException>(() => iommu.ShareForLifetime(0x6000, 0x3000));
        Assert.Contains("overlap the reserved region [0x4000, 0x7fff] (Msi)", e.Message);
        iommu.ShareForLifetime(0x8000, 0x3000);   // just above it is fine
    }

    private static (IommuSharing Sharing, PlatformCounters Counters) Sharing(IommuDevice device)
    {
        var names = PlatformCosts.Common.Concat(PlatformCosts.Iommu);
        var profile = new CostProfile("test", "unit test costs", names.Select(n => n == "cpu.memcpy"
            ? new CostEntry(n, SimTime.Zero, 1e10, "test")
            : new CostEntry(n, SimTime.FromNanoseconds(100), null, "test")));
        var counters = new PlatformCounters("g/d/platform");
        var exposure = new ExposureMetric("g/d/exposure", () => SimTime.Zero);
        var context = new SharingContext(new GuestMemory("guest", 16UL << 20), "g/d/backend", new AccessLog(), new PlatformCosts(profile), counters, exposure, () => SimTime.Zero);
        var sharing = new IommuSharing(context, device, new DirectIommuPort(device), 1, 1, IommuInvalidation.Strict, Sim.Core.Costs.CostItem.Of("test.notify", SimTime.FromMicroseconds(3)));
        return (sharing, counters);
    }
}
