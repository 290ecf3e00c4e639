using Sim.Devices.Iommu;
using Sim.Testing.Sharing.Iommu;

namespace Sim.Testing.Tests.Sharing;

/// <summary>
/// Broken (a): the device writes the request's status into the buffer after the driver has unmapped it at completion
/// (it kept the IOVA instead of finishing before the used element went back).
/// </summary>
internal sealed class LateStatusDevice : IommuPolicy
{
    public override void Complete(IommuPolicyContext context, IommuDmaRequest request)
    {
        var kept = request.Mappings.ToList();
        base.Complete(context, request);
        foreach (var range in kept) context.Access(range.Iova, 4, write: request.DeviceWrites); // BUG: unmapped just now
    }
}

/// <summary>
/// Broken (b): the driver's IOVA allocator frees an IOVA as soon as it sends the UNMAP, not when the flush queue has
/// flushed it, so under lazy invalidation it maps the next buffer at an IOVA whose stale translation may still be cached.
/// </summary>
internal sealed class EagerIovaReuse : IommuPolicy
{
    public override void Submit(IommuPolicyContext context, IommuDmaRequest request)
    {
        ulong iova = 0;
        while (context.InFlight.Any(r => r.Mappings.Any(m => m.Page < iova + (ulong)request.Pages && iova < m.Page + m.Pages))) iova++; // BUG: ignores the flush queue
        context.Map(request, iova, (ulong)request.Pages, request.GuestPage, request.DeviceWrites ? IommuMapFlags.Write : IommuMapFlags.Read);
    }
}

/// <summary>Broken (c): on reset the driver unmaps every buffer but neither detaches nor flushes, so under lazy invalidation their translations stay cached.</summary>
internal sealed class UnflushedReset : IommuPolicy
{
    public override void Reset(IommuPolicyContext context, IReadOnlyList<IommuDmaRequest> inFlight)
    {
        foreach (var request in inFlight) Complete(context, request); // BUG: no Detach, no Flush
    }
}
