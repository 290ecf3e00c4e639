using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Testing.Sharing.Window;

namespace Sim.Testing.Tests.Sharing;

/// <summary>
/// Broken (a), slots freed without the copy back: the driver treats bouncing as one-way and maps every buffer
/// ToDevice, so its unmap at completion frees the slots without copying the window back (what an unmap with
/// DMA_ATTR_SKIP_CPU_SYNC and no sync before it does): the guest buffer misses the device's bytes.
/// </summary>
internal sealed class OneWayBounce : WindowPolicy
{
    public override void Submit(WindowPolicyContext context, WindowDmaRequest request) => context.Map(request, DmaDirection.ToDevice); // BUG
}

/// <summary>Broken (b): the driver frees the slots as soon as the device has served the buffer, before its used element comes back.</summary>
internal sealed class FreeAfterServe : WindowPolicy
{
    public override void Serve(WindowPolicyContext context, WindowDmaRequest request)
    {
        base.Serve(context, request);
        if (request.Mapping is not null) context.Unmap(request); // BUG: the request is still in flight
    }
}

/// <summary>Broken (c): on reset the driver forgets the requests that were never served, and their slots stay in use.</summary>
internal sealed class ForgetfulReset : WindowPolicy
{
    public override void Reset(WindowPolicyContext context, IReadOnlyList<WindowDmaRequest> inFlight)
    {
        foreach (var request in inFlight.Where(r => r.Served)) Complete(context, request); // BUG: unserved ones leak
    }
}

/// <summary>Broken (d): the driver treats a full window as an error and throws ("swiotlb buffer is full") instead of failing the request.</summary>
internal sealed class ThrowOnExhaustion : WindowPolicy
{
    public override void Submit(WindowPolicyContext context, WindowDmaRequest request)
    {
        var result = context.Map(request, request.Direction);
        if (!result.IsMapped) throw new InvalidOperationException($"swiotlb buffer is full: {result.Reason}"); // BUG
    }
}

/// <summary>Broken (e): the device bypasses the bounce and DMAs straight to the driver's original buffer.</summary>
internal sealed class BypassingDevice : WindowPolicy
{
    public override void Serve(WindowPolicyContext context, WindowDmaRequest request) =>
        context.Access(request.GuestAddress, request.Length, write: request.Direction != DmaDirection.ToDevice); // BUG: not the window address
}

/// <summary>Broken (f): the driver maps every buffer FromDevice, so a device-bound buffer is never copied in.</summary>
internal sealed class NoCopyIn : WindowPolicy
{
    public override void Submit(WindowPolicyContext context, WindowDmaRequest request) => context.Map(request, DmaDirection.FromDevice); // BUG
}
