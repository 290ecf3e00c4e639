using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Iommu;

/// <summary>A one-guest IOMMU scenario in one line: 1 MiB of guest memory, endpoints 1 and 2, and endpoint 1's access path.</summary>
internal sealed class IommuWorld
{
    public const ulong Page = GuestMemory.PageSize;

    public IommuWorld(InvalidationPolicy? policy = null, int iotlbCapacity = 64, int maxMappings = int.MaxValue)
    {
        Memory = new GuestMemory("guest", 1 << 20);
        Log = new AccessLog();
        Device = new IommuDevice(new IommuDeviceOptions
        {
            Endpoints = [1, 2],
            LastDomain = 15,
            LastIova = (1UL << 48) - 1,
            IotlbCapacity = iotlbCapacity,
            MaxMappingsPerDomain = maxMappings,
            Invalidation = policy ?? InvalidationPolicy.Strict,
        });
        Dma = new IommuDeviceMemory(Device, 1, Memory, "nic", Log);
    }

    public GuestMemory Memory { get; }
    public AccessLog Log { get; }
    public IommuDevice Device { get; }
    public IommuDeviceMemory Dma { get; }

    /// <summary>Runs a request through its bytes, as the request queue would.</summary>
    public byte Run(IommuRequest request) => Device.Execute(IommuRequests.Encode(request).AsSpan());

    /// <summary>Attaches endpoint 1 to domain 1 and maps <paramref name="pages"/> pages at IOVA <paramref name="iova"/> to <paramref name="phys"/>.</summary>
    public IommuWorld Mapped(ulong iova, ulong phys, ulong pages = 1, IommuMapFlags flags = IommuMapFlags.Read | IommuMapFlags.Write)
    {
        if (Device.DomainOf(1) is null) Assert.Equal(IommuStatus.Ok, Run(new IommuAttach(1, 1)));
        Assert.Equal(IommuStatus.Ok, Run(new IommuMap(1, iova, iova + pages * Page - 1, phys, flags)));
        return this;
    }

    public AccessVerdict Read(ulong iova, int length = 8) => Dma.Read(iova, new byte[length]);
}
