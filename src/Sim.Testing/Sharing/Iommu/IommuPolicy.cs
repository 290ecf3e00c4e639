using Sim.Devices.Iommu;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>
/// A sharing policy over a virtio-iommu (virtio 1.2, 5.13; Linux drivers/iommu/virtio-iommu.c and dma-iommu.c): what
/// the driver maps when it submits a request and unmaps when the used element comes back, what the device touches
/// through the IOMMU when it serves one, and how both tear down on a device reset. Implement it (or derive from
/// <see cref="IommuPolicy"/>, the standard map-access-unmap behaviour) and check it with
/// <see cref="SharingProperties.IommuPolicy"/>. Every operation goes through the <see cref="IommuPolicyContext"/>,
/// which runs it on the real <see cref="IommuDevice"/> and the <see cref="IommuModel"/> and judges it.
/// </summary>
public interface IIommuPolicy
{
    /// <summary>The driver submits <paramref name="request"/>: chooses IOVAs and maps its buffer.</summary>
    void Submit(IommuPolicyContext context, IommuDmaRequest request);
    /// <summary>The device serves <paramref name="request"/>: reads or writes the buffer by IOVA, through the IOMMU.</summary>
    void Serve(IommuPolicyContext context, IommuDmaRequest request);
    /// <summary>The used element of <paramref name="request"/> comes back: the driver unmaps its IOVAs.</summary>
    void Complete(IommuPolicyContext context, IommuDmaRequest request);
    /// <summary>The device is reset with <paramref name="inFlight"/> requests outstanding: nothing of them may stay reachable.</summary>
    void Reset(IommuPolicyContext context, IReadOnlyList<IommuDmaRequest> inFlight);
}

/// <summary>
/// The standard IOMMU policy, each step overridable: submit maps the buffer at the lowest free IOVA (one MAP, read-only
/// unless the device writes, write-only if it does); serve touches 64 bytes of every mapped page; complete unmaps every
/// run; reset completes every in-flight request, then detaches the endpoint (its domain ceases to exist with every
/// cached translation, 5.13.6.4) and attaches it again, as Linux's driver does when the device goes and comes back.
/// </summary>
public class IommuPolicy : IIommuPolicy
{
    /// <inheritdoc />
    public virtual void Submit(IommuPolicyContext context, IommuDmaRequest request)
    {
        ulong iova = context.FreeIova(request.Pages);
        context.Map(request, iova, (ulong)request.Pages, request.GuestPage, request.DeviceWrites ? IommuMapFlags.Write : IommuMapFlags.Read);
    }

    /// <inheritdoc />
    public virtual void Serve(IommuPolicyContext context, IommuDmaRequest request)
    {
        foreach (var range in request.Mappings.ToList())
            for (ulong page = range.Page; page < range.Page + range.Pages; page++)
                context.Access(page * IommuDevice.Granule, 64, write: request.DeviceWrites);
    }

    /// <inheritdoc />
    public virtual void Complete(IommuPolicyContext context, IommuDmaRequest request)
    {
        foreach (var range in request.Mappings.ToList()) context.Unmap(request, range);
    }

    /// <inheritdoc />
    public virtual void Reset(IommuPolicyContext context, IReadOnlyList<IommuDmaRequest> inFlight)
    {
        foreach (var request in inFlight) Complete(context, request);
        context.Detach();
        context.Attach();
    }
}
