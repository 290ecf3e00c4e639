using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>
/// A sharing policy over a bounce window (Linux kernel/dma/swiotlb.c: <c>swiotlb_tbl_map_single</c> and
/// <c>swiotlb_tbl_unmap_single</c> over a <c>restricted-dma-pool</c>): what the driver maps (allocates slots for and
/// copies in) when it submits a request and unmaps (copies out and frees) when the used element comes back, what the
/// device touches in the window when it serves one, and how both tear down on a device reset. Implement it (or derive
/// from <see cref="WindowPolicy"/>, the standard behaviour) and check it with <see cref="SharingProperties.WindowPolicy"/>.
/// Every operation goes through the <see cref="WindowPolicyContext"/>, which runs it on the real
/// <see cref="BounceWindow"/> and <see cref="WindowDeviceMemory"/> and the window model, and judges it.
/// </summary>
public interface IWindowPolicy
{
    /// <summary>The driver submits <paramref name="request"/>: maps its buffer. A request left unmapped is failed by the driver and never posted.</summary>
    void Submit(WindowPolicyContext context, WindowDmaRequest request);
    /// <summary>The device serves <paramref name="request"/>: reads or writes the buffer's slots in the window.</summary>
    void Serve(WindowPolicyContext context, WindowDmaRequest request);
    /// <summary>The used element of <paramref name="request"/> comes back: the driver copies out what the device wrote and frees the slots.</summary>
    void Complete(WindowPolicyContext context, WindowDmaRequest request);
    /// <summary>The device is reset with <paramref name="inFlight"/> requests outstanding: every slot must be freed.</summary>
    void Reset(WindowPolicyContext context, IReadOnlyList<WindowDmaRequest> inFlight);
}

/// <summary>
/// The standard bounce-window policy, each step overridable: submit maps the buffer in the request's direction (slots
/// allocated, copied in for ToDevice and Bidirectional; Exhausted leaves it unmapped); serve has the device read the
/// whole buffer unless it is FromDevice, then write it unless it is ToDevice; complete unmaps (copied out for FromDevice
/// and Bidirectional, then the slots freed); reset completes every in-flight request.
/// </summary>
public class WindowPolicy : IWindowPolicy
{
    /// <inheritdoc />
    public virtual void Submit(WindowPolicyContext context, WindowDmaRequest request) => context.Map(request, request.Direction);

    /// <inheritdoc />
    public virtual void Serve(WindowPolicyContext context, WindowDmaRequest request)
    {
        if (request.Mapping is not { } mapping) return;
        if (request.Direction != DmaDirection.FromDevice) context.Access(mapping.WindowAddress, request.Length, write: false);
        if (request.Direction != DmaDirection.ToDevice) context.Access(mapping.WindowAddress, request.Length, write: true);
    }

    /// <inheritdoc />
    public virtual void Complete(WindowPolicyContext context, WindowDmaRequest request)
    {
        if (request.Mapping is not null) context.Unmap(request);
    }

    /// <inheritdoc />
    public virtual void Reset(WindowPolicyContext context, IReadOnlyList<WindowDmaRequest> inFlight)
    {
        foreach (var request in inFlight) Complete(context, request);
    }
}
